package ai.healthflow.interaction;

/**
 * A medicine containing something the patient is allergic to. The prescription checks treat every allergy finding
 * as contraindicated.
 *
 * @param medicine         the medicine
 * @param ingredient       its active ingredient that matched
 * @param allergyKind      the patient's allergy record: {@code ingredient} or {@code class}
 * @param allergySubstance what the record names: an ingredient (lowercase English name) or a class code (lowercase,
 *                         e.g. {@code penicillins})
 * @param reaction         the recorded reaction, or null
 */
public record AllergyFinding(MedicineRef medicine, String ingredient, String allergyKind, String allergySubstance,
                             String reaction) {

    /**
     * True when an allergy recorded against one ingredient matched another member of the same allergy-relevant class
     * (a penicillin allergy recorded as amoxicillin, matching ampicillin): cross-reactivity, not the substance itself.
     */
    public boolean crossReactive() {
        return "ingredient".equals(allergyKind) && !ingredient.equals(allergySubstance);
    }
}
