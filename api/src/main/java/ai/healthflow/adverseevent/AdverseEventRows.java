package ai.healthflow.adverseevent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The rows the DAO reads and writes, kept apart from the API bodies (public for JDBI's constructor mapper). */
public final class AdverseEventRows {
    private AdverseEventRows() {
    }

    /** An {@code adverse_events} row with its tenant's name. */
    public record EventRow(UUID id, UUID tenantId, String tenantName, String caseNumber, UUID reporterId, String reporterName,
                    String reporterRole, String status, int currentVersion, boolean serious, Instant receivedAt,
                    Instant latestInfoAt, Instant dueAt, Instant createdAt, Instant updatedAt) {
    }

    /** One version's case content ({@code adverse_event_versions}). */
    public record VersionRow(UUID eventId, int version, Instant receivedAt, UUID submittedBy, String submittedByName,
                      String patientInitials, Integer patientAgeYears, String patientAgeGroup,
                      LocalDate patientBirthDate, String patientSex, BigDecimal patientWeightKg, boolean serious,
                      List<String> seriousnessCriteria, String narrative) {
    }

    /** A suspect or concomitant medicine of one version, with what the registry says about it. */
    public record DrugRow(UUID id, String role, int position, UUID medicineId, String tradeNameEn, String strength,
                   String registrationNo, String manufacturer, List<UUID> ingredientIds, List<String> ingredientNames,
                   String batchNumber, String dose, String route, LocalDate startDate, LocalDate stopDate,
                   String actionTaken) {
    }

    public record ReactionRow(UUID id, int position, String term, String meddraCode, LocalDate onsetDate, String outcome) {
    }

    public record CausalityRow(UUID medicineId, String whoUmc, Integer naranjoScore, String comment, UUID assessedBy,
                        String assessedByName, Instant assessedAt) {
    }

    public record TransitionRow(String fromStatus, String toStatus, String comment, UUID actorId, String actorName,
                         Instant occurredAt) {
    }

    /** A registry medicine as a report needs it: names and active ingredients in order. */
    public record MedicineRef(UUID id, String tradeNameEn, String strength, String registrationNo, String manufacturer,
                       List<UUID> ingredientIds, List<String> ingredientNames) {
    }

    /** What one medicine row of a new version is bound from. */
    public record NewDrug(UUID id, String role, int position, UUID medicineId, UUID[] ingredientIds, String batchNumber,
                   String dose, String route, LocalDate startDate, LocalDate stopDate, String actionTaken) {
    }

    public record NewReaction(UUID id, int position, String term, String meddraCode, LocalDate onsetDate, String outcome) {
    }
}
