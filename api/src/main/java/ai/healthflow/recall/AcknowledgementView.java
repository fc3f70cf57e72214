package ai.healthflow.recall;

import java.time.Instant;
import java.util.UUID;

/** One tenant's acknowledgement task for a recall. */
public record AcknowledgementView(UUID recallId, UUID tenantId, String tenantName, String status,
                                  Integer quantityQuarantined, Integer quantityReturned, String note,
                                  UUID acknowledgedBy, Instant acknowledgedAt) {
}
