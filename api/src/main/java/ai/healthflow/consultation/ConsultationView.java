package ai.healthflow.consultation;

import java.time.Instant;
import java.util.UUID;

public record ConsultationView(UUID id, UUID patientId, String patientNameEn, String patientNameAr, UUID providerId,
                               String providerName, String reason, String notes, String status, Instant scheduledAt,
                               Instant startedAt, Instant endedAt, Instant createdAt, Instant updatedAt) {
}
