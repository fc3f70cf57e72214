package ai.healthflow.audit;

import java.util.Map;
import java.util.UUID;

/**
 * What happened, to what, in which tenant.
 *
 * @param action     dotted verb, e.g. {@code tenant.created}, {@code auth.login_failed}, {@code patient.read}
 * @param entityType e.g. {@code tenant}, {@code user}
 * @param entityId   the entity's id, or null
 * @param tenantId   the tenant the event belongs to, or null for platform-wide events
 * @param changes    changed fields only (see {@link Changes}); never secrets
 */
public record AuditEvent(String action, String entityType, String entityId, UUID tenantId, Map<String, ?> changes) {

    public static AuditEvent of(String action, String entityType, Object entityId, UUID tenantId) {
        return new AuditEvent(action, entityType, entityId == null ? null : entityId.toString(), tenantId, Map.of());
    }

    public AuditEvent withChanges(Map<String, ?> newChanges) {
        return new AuditEvent(action, entityType, entityId, tenantId, newChanges);
    }
}
