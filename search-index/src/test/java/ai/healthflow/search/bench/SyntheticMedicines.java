package ai.healthflow.search.bench;

import ai.healthflow.search.medicine.MedicineDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Any number of plausible bilingual medicines for benchmarks: brand names built from syllables with a matching
 * Arabic spelling, real generic names, strengths, forms, ATC codes and makers. Deterministic for a seed.
 */
public final class SyntheticMedicines {
    private static final String[][] SYLLABLES = {
            {"pa", "با"}, {"na", "نا"}, {"dol", "دول"}, {"ca", "كا"}, {"ta", "تا"}, {"flam", "فلام"}, {"vol", "فول"},
            {"ren", "رين"}, {"con", "كون"}, {"cor", "كور"}, {"glu", "جلو"}, {"co", "كو"}, {"phage", "فاج"},
            {"mox", "موكس"}, {"cin", "سين"}, {"zi", "زي"}, {"tro", "ترو"}, {"max", "ماكس"}, {"lin", "لين"},
            {"ro", "رو"}, {"sa", "سا"}, {"di", "دي"}, {"ve", "في"}, {"mo", "مو"}, {"xa", "كسا"}, {"bi", "بي"},
            {"ra", "را"}, {"ni", "ني"}, {"tak", "تاك"}, {"fen", "فين"}, {"lo", "لو"}, {"san", "سان"}, {"me", "مي"},
            {"tor", "تور"}, {"ga", "جا"}, {"lex", "ليكس"}, {"ol", "ول"}, {"in", "ين"}, {"al", "ال"}, {"te", "تي"}};
    private static final String[][] GENERICS = {
            {"paracetamol", "باراسيتامول", "N02BE01"}, {"ibuprofen", "ايبوبروفين", "M01AE01"},
            {"diclofenac", "ديكلوفيناك", "M01AB05"}, {"amoxicillin", "أموكسيسيلين", "J01CA04"},
            {"metformin", "ميتفورمين", "A10BA02"}, {"atorvastatin", "أتورفاستاتين", "C10AA05"},
            {"omeprazole", "أوميبرازول", "A02BC01"}, {"ciprofloxacin", "سيبروفلوكساسين", "J01MA02"},
            {"bisoprolol", "بيسوبرولول", "C07AB07"}, {"amlodipine", "أملوديبين", "C08CA01"},
            {"salbutamol", "سالبوتامول", "R03AC02"}, {"cetirizine", "سيتيريزين", "R06AE07"},
            {"azithromycin", "أزيثروميسين", "J01FA10"}, {"metronidazole", "ميترونيدازول", "P01AB01"},
            {"clopidogrel", "كلوبيدوجريل", "B01AC04"}, {"levothyroxine", "ليفوثيروكسين", "H03AA01"}};
    private static final String[] STRENGTHS = {"5 mg", "10 mg", "20 mg", "50 mg", "100 mg", "250 mg", "500 mg", "1 g",
            "250 mg/5 ml", "100 mcg"};
    private static final String[] FORMS = {"tablet", "film-coated tablet", "capsule", "syrup", "suspension", "injection",
            "cream", "eye drops"};
    private static final String[] MAKERS = {"GSK", "Novartis", "Pharco", "EIPICO", "Amoun", "Sigma", "Minapharm",
            "Memphis", "Eva Pharma", "Hikma", "Sanofi", "Pfizer", "Marcyrl", "MUP", "Sedico", "Kahira"};

    private SyntheticMedicines() {
    }

    public static List<MedicineDocument> generate(int count, long seed) {
        var random = new Random(seed);
        List<MedicineDocument> medicines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var en = new StringBuilder();
            var ar = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                String[] syllable = SYLLABLES[random.nextInt(SYLLABLES.length)];
                en.append(syllable[0]);
                ar.append(syllable[1]);
            }
            String tradeEn = Character.toUpperCase(en.charAt(0)) + en.substring(1) + (random.nextInt(5) == 0 ? " Plus" : "");
            String tradeAr = ar + (tradeEn.endsWith(" Plus") ? " بلس" : "");
            String[] generic = GENERICS[random.nextInt(GENERICS.length)];
            boolean combination = random.nextInt(6) == 0;
            String[] second = GENERICS[random.nextInt(GENERICS.length)];
            List<String> ingredientsEn = combination ? List.of(generic[0], second[0]) : List.of(generic[0]);
            List<String> ingredientsAr = combination ? List.of(generic[1], second[1]) : List.of(generic[1]);
            String status = random.nextInt(40) == 0 ? "withdrawn" : random.nextInt(60) == 0 ? "suspended" : "registered";
            medicines.add(new MedicineDocument("m" + i, "EG-" + (1_000_000 + i), tradeEn, tradeAr,
                    String.join(" + ", ingredientsEn), String.join(" + ", ingredientsAr), ingredientsEn, ingredientsAr,
                    STRENGTHS[random.nextInt(STRENGTHS.length)], FORMS[random.nextInt(FORMS.length)], "oral",
                    generic[2], MAKERS[random.nextInt(MAKERS.length)], null, 5 + random.nextInt(500) * 1.0, status));
        }
        return medicines;
    }
}
