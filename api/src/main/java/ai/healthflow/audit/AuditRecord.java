package ai.healthflow.audit;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code audit_log}, as stored and as served by {@code GET /api/v2/audit-logs}. */
public record AuditRecord(long id, Instant occurredAt, UUID actorId, String actorEmail, UUID tenantId,
                          String action, String entityType, String entityId, String changes, String requestId,
                          String ip, String userAgent, String prevHash, String hash) {
}
