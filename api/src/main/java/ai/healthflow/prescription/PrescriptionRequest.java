package ai.healthflow.prescription;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new prescription.
 *
 * @param overrides finding key → the prescriber's reason for going ahead despite a contraindicated or major
 *                  finding (keys come from the findings of a refused attempt)
 */
public record PrescriptionRequest(UUID patientId, UUID consultationId, List<Item> items, String notes,
                                  Boolean allowSubstitution, Map<String, String> overrides) {

    public record Item(UUID medicineId, String dose, String frequency, Integer durationDays, Integer quantity,
                       String instructionsEn, String instructionsAr) {
    }
}
