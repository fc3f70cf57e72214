package ai.healthflow.audit;

import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.SqlStatement;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Filters of {@code GET /api/v2/audit-logs}; every one optional. */
public record AuditQuery(UUID actor, UUID tenant, String entityType, String entityId, String action,
                         Instant from, Instant to) {

    private static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurred_at", "id", "id");

    // Each filter is "absent or equal", so one fixed statement serves every combination and no text is spliced.
    private static final String WHERE = """
             WHERE (CAST(:actor AS uuid) IS NULL OR actor_id = CAST(:actor AS uuid))
               AND (CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid))
               AND (CAST(:entityType AS text) IS NULL OR entity_type = :entityType)
               AND (CAST(:entityId AS text) IS NULL OR entity_id = :entityId)
               AND (CAST(:action AS text) IS NULL OR action = :action)
               AND (CAST(:from AS timestamptz) IS NULL OR occurred_at >= CAST(:from AS timestamptz))
               AND (CAST(:to AS timestamptz) IS NULL OR occurred_at < CAST(:to AS timestamptz))
            """;

    public Page<AuditRecord> run(Handle handle, PageRequest page) {
        long total = bind(handle.createQuery("SELECT count(*) FROM audit_log" + WHERE)).mapTo(Long.class).one();
        var items = bind(handle.createQuery("SELECT * FROM audit_log" + WHERE
                        + " ORDER BY " + page.orderBy(SORTABLE, "id DESC") + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.size())
                .bind("offset", page.offset())
                .registerRowMapper(ConstructorMapper.factory(AuditRecord.class))
                .mapTo(AuditRecord.class)
                .list();
        return new Page<>(items, page, total);
    }

    private <S extends SqlStatement<S>> S bind(S statement) {
        return statement.bind("actor", actor).bind("tenant", tenant).bind("entityType", entityType)
                .bind("entityId", entityId).bind("action", action).bind("from", from).bind("to", to);
    }
}
