package ai.healthflow.interaction;

import java.util.List;

/**
 * Two medicines that should not, or only with care, be taken together.
 *
 * @param medicineA   the first medicine (in {@code among}: the earlier in the given order; in {@code between}: the
 *                    proposed one)
 * @param medicineB   the second medicine (in {@code between}: the current one; the same as {@code medicineA} when a
 *                    proposed medicine is already among the current ones)
 * @param ingredients for {@code pair} and {@code class}: the ingredient of A, then the ingredient of B that interact;
 *                    for {@code duplicate}: the active ingredients both contain
 * @param severity    {@code contraindicated}, {@code major}, {@code moderate} or {@code minor} (see {@link Severity})
 * @param source      the references, separated by {@code "; "}
 * @param rule        {@code pair} (a row of the knowledge base for these two ingredients), {@code class} (a class
 *                    rule, e.g. two NSAIDs) or {@code duplicate} (the same active ingredient twice: severity moderate)
 */
public record InteractionFinding(MedicineRef medicineA, MedicineRef medicineB, List<String> ingredients, String severity,
                                 String descriptionEn, String descriptionAr, String managementEn, String managementAr,
                                 String source, String rule) {
    public static final String PAIR = "pair";
    public static final String CLASS = "class";
    public static final String DUPLICATE = "duplicate";

    public InteractionFinding {
        ingredients = List.copyOf(ingredients);
    }
}
