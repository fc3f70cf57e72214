package ai.healthflow.consultation;

import java.time.Instant;
import java.util.UUID;

/**
 * A new consultation. {@code providerId} defaults to the caller when the caller is a doctor; {@code scheduledAt}
 * to now.
 */
public record ConsultationRequest(UUID patientId, UUID providerId, String reason, String notes, Instant scheduledAt) {
}
