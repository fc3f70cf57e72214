package ai.healthflow.search.medicine;

import ai.healthflow.search.analysis.TextNormalizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words for dosage forms as people type them, in English and Egyptian Arabic ("panadol شراب", "augmentin
 * suspension"), mapped to the registry's form vocabulary. A form word in a query prefers products of that form; it
 * never excludes the others, since people also use a form word loosely (a "syrup" that is a suspension).
 */
final class FormWords {
    private static final Map<String, List<String>> FORMS = build();

    private FormWords() {
    }

    /** The registry forms a typed word names, or an empty list when it is not a form word. */
    static List<String> of(String word) {
        return FORMS.getOrDefault(TextNormalizer.normalize(word).strip(), List.of());
    }

    private static Map<String, List<String>> build() {
        Map<String, List<String>> forms = new HashMap<>();
        put(forms, List.of("tablet", "film-coated tablet", "effervescent tablet", "chewable tablet"),
                "tablet", "tablets", "tab", "tabs", "اقراص", "قرص", "حبوب", "برشام");
        put(forms, List.of("capsule"), "capsule", "capsules", "cap", "caps", "كبسول", "كبسولات", "كبسوله");
        put(forms, List.of("syrup", "suspension", "solution"), "syrup", "شراب", "سيرب");
        put(forms, List.of("suspension", "syrup"), "suspension", "susp", "معلق");
        put(forms, List.of("injection", "vial"), "injection", "inj", "ampoule", "amp", "vial", "حقن", "حقنه", "امبول", "فيال");
        put(forms, List.of("cream"), "cream", "كريم");
        put(forms, List.of("ointment"), "ointment", "oint", "مرهم");
        put(forms, List.of("gel"), "gel", "emulgel", "جل", "جيل");
        put(forms, List.of("suppository"), "suppository", "suppositories", "supp", "لبوس", "لبوسه", "تحاميل");
        put(forms, List.of("eye drops"), "eye", "عين", "للعين");
        put(forms, List.of("ear drops"), "ear", "اذن", "للاذن");
        put(forms, List.of("drops", "eye drops", "ear drops"), "drops", "drop", "نقط", "نقط", "قطره", "قطرات");
        put(forms, List.of("nasal spray", "inhaler"), "spray", "بخاخ", "اسبراي");
        put(forms, List.of("inhaler"), "inhaler", "بخاخه");
        put(forms, List.of("effervescent tablet", "sachet"), "effervescent", "فوار");
        put(forms, List.of("sachet", "powder"), "sachet", "sachets", "اكياس", "كيس", "powder", "بودره");
        put(forms, List.of("lozenge"), "lozenge", "lozenges", "استحلاب");
        put(forms, List.of("patch"), "patch", "لزقه", "لاصقه");
        put(forms, List.of("lotion"), "lotion", "لوشن");
        return Map.copyOf(forms);
    }

    private static void put(Map<String, List<String>> forms, List<String> registryForms, String... words) {
        for (String word : words) {
            forms.put(TextNormalizer.normalize(word), registryForms);
        }
    }
}
