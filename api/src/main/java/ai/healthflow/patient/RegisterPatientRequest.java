package ai.healthflow.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * A new patient of the caller's tenant.
 *
 * @param allergies  substances the patient must not receive: an ingredient (by English generic name) or a drug
 *                   class (by code, e.g. {@code penicillins})
 * @param conditions chronic conditions, optionally with an ICD-10 code
 */
public record RegisterPatientRequest(String nationalId, String nameEn, String nameAr, LocalDate dateOfBirth, String sex,
                                     String phone, List<Allergy> allergies, List<Condition> conditions) {

    /** @param type {@code ingredient} or {@code class} */
    public record Allergy(String type, String substance, String reaction) {
    }

    public record Condition(String name, String icd10) {
    }
}
