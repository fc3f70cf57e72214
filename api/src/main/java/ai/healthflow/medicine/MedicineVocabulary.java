package ai.healthflow.medicine;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The closed vocabularies of the registry, so imports and edits cannot invent forms or routes. */
public final class MedicineVocabulary {
    public static final List<String> DOSAGE_FORMS = List.of(
            "tablet", "film-coated tablet", "effervescent tablet", "chewable tablet", "capsule", "syrup",
            "suspension", "drops", "injection", "vial", "cream", "ointment", "gel", "eye drops", "ear drops",
            "nasal spray", "inhaler", "suppository", "sachet", "lozenge", "solution", "patch", "powder", "lotion");
    public static final List<String> ROUTES = List.of(
            "oral", "topical", "intravenous", "intramuscular", "subcutaneous", "inhalation", "ophthalmic", "otic",
            "nasal", "rectal", "vaginal", "transdermal", "sublingual");
    public static final Set<String> STATUSES = Set.of("registered", "suspended", "withdrawn");
    /** WHO ATC code at any level, A to A10BA02. */
    public static final Pattern ATC = Pattern.compile("[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?");

    private MedicineVocabulary() {
    }
}
