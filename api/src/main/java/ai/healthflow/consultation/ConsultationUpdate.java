package ai.healthflow.consultation;

/** {@code PATCH}: a new status (scheduled → in_progress → completed, or cancelled) and/or notes. */
public record ConsultationUpdate(String status, String notes) {
}
