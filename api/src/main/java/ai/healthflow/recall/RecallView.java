package ai.healthflow.recall;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A recall with its medicine, workflow history and acknowledgement progress. */
public record RecallView(UUID id, Medicine medicine, boolean allBatches, List<String> batchNumbers,
                         @JsonProperty("class") String recallClass, String level, String reasonEn, String reasonAr,
                         String instructionsEn, String instructionsAr, LocalDate startDate, String status,
                         List<Step> history, Progress progress, Instant createdAt, Instant updatedAt) {

    public record Medicine(UUID id, String registrationNo, String tradeNameEn, String tradeNameAr) {
    }

    /** One workflow step: who moved the recall to {@code status}, when, and why. */
    public record Step(String status, UUID by, String byEmail, Instant at, String comment) {
    }

    /**
     * @param fanOut          none (draft), pending (tasks and notifications being written) or done
     * @param tenants         acknowledgement tasks created (pharmacy and hospital tenants at activation)
     * @param acknowledged    tasks acknowledged so far
     * @param notifiedUsers   users who received the in-app notification
     */
    public record Progress(String fanOut, int tenants, int acknowledged, int notifiedUsers,
                           long quantityQuarantined, long quantityReturned) {
    }
}
