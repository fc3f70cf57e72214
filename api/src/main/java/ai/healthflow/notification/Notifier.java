package ai.healthflow.notification;

import org.jdbi.v3.core.Handle;

import java.util.UUID;

/**
 * Writes notifications inside the caller's transaction, so they exist exactly when the change they announce
 * commits. Streams are woken by the table's trigger at commit; push delivery follows the same rows.
 */
public final class Notifier {

    /** One notification for one user. */
    public void toUser(Handle handle, UUID tenantId, UUID userId, Message message) {
        bind(handle.createUpdate("""
                        INSERT INTO notifications (tenant_id, user_id, kind, title_en, title_ar, body_en, body_ar,
                                                   subject_type, subject_id)
                        VALUES (:tenantId, :userId, :kind, :titleEn, :titleAr, :bodyEn, :bodyAr, :subjectType,
                                CAST(:subjectId AS uuid))
                        """), message)
                .bind("tenantId", tenantId)
                .bind("userId", userId)
                .execute();
    }

    /**
     * One notification for every member of the audience, in one statement (a national fan-out is tens of thousands
     * of rows). Needs a handle that sees every tenant.
     *
     * @return how many users were notified
     */
    public int toAudience(Handle handle, Audience audience, Message message) {
        return bind(handle.createUpdate("""
                        INSERT INTO notifications (tenant_id, user_id, kind, title_en, title_ar, body_en, body_ar,
                                                   subject_type, subject_id)
                        SELECT m.tenant_id, m.user_id, :kind, :titleEn, :titleAr, :bodyEn, :bodyAr, :subjectType,
                               CAST(:subjectId AS uuid)
                          FROM memberships m
                          JOIN tenants t ON t.id = m.tenant_id AND t.status = 'active'
                          JOIN users u ON u.id = m.user_id AND u.status = 'active'
                         WHERE t.type = ANY(:types) AND (cardinality(:roles) = 0 OR m.role = ANY(:roles))
                        """), message)
                .bindArray("types", String.class, audience.tenantTypes())
                .bindArray("roles", String.class, audience.roles())
                .execute();
    }

    private static org.jdbi.v3.core.statement.Update bind(org.jdbi.v3.core.statement.Update update, Message m) {
        return update.bind("kind", m.kind())
                .bind("titleEn", m.titleEn())
                .bind("titleAr", m.titleAr())
                .bind("bodyEn", m.bodyEn())
                .bind("bodyAr", m.bodyAr())
                .bind("subjectType", m.subjectType())
                .bind("subjectId", m.subjectId() == null ? null : m.subjectId().toString());
    }
}
