package ai.healthflow.adverseevent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One case as the API shows it: its current version's content (the same field names as the request), where it
 * stands in the workflow, its regulatory clock, possible duplicates, status history and versions.
 *
 * @param dueAt   when a serious case's 15-day clock runs out; null for a case that was never serious
 * @param overdue serious, past {@code dueAt} and not yet assessed or closed
 */
public record AdverseEventView(UUID id, String caseNumber, int version, String status, UUID tenantId,
                               String tenantName, Reporter reporter, Instant receivedAt, Instant latestInfoAt,
                               Instant dueAt, boolean overdue, AdverseEventRequest.Patient patient,
                               List<MedicineEntry> suspectMedicines, List<MedicineEntry> concomitantMedicines,
                               List<AdverseEventRequest.Reaction> reactions, AdverseEventRequest.Seriousness seriousness,
                               String narrative, List<CaseReference> possibleDuplicateOf, List<Transition> history,
                               List<VersionEntry> versions, Instant createdAt, Instant updatedAt) {

    /** The person who first reported the case, and their role at the time. */
    public record Reporter(UUID userId, String name, String role) {
    }

    /**
     * A medicine of the report, resolved against the registry.
     *
     * @param causality the regulator's assessment (suspect medicines only; null until assessed)
     */
    public record MedicineEntry(UUID medicineId, String tradeName, String strength, String registrationNo,
                                String manufacturer, List<Ingredient> ingredients, String batchNumber, String dose, String route,
                                LocalDate startDate, LocalDate stopDate, String actionTaken, Causality causality) {
    }

    public record Ingredient(UUID id, String nameEn) {
    }

    /** WHO-UMC category, optional Naranjo score (-4..13) and its category, who set it and when. */
    public record Causality(String whoUmc, Integer naranjoScore, String naranjoCategory, String comment,
                            UUID assessedBy, String assessedByName, Instant assessedAt) {
    }

    /** Another case the caller can see that may describe the same patient and reaction. */
    public record CaseReference(UUID id, String caseNumber, Instant receivedAt) {
    }

    /** One step of the status history; the first one (from null) is the submission. */
    public record Transition(String from, String to, String comment, UUID byUserId, String byName, Instant at) {
    }

    /** Version 1 is the initial report; each follow-up adds one. */
    public record VersionEntry(int version, Instant receivedAt, UUID submittedBy, String submittedByName) {
    }
}
