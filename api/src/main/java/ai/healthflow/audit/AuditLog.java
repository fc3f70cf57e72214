package ai.healthflow.audit;

import ai.healthflow.platform.auth.Actor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes audit records, always on the caller's handle so the record commits or rolls back with the action it
 * describes. Writers queue on the chain's head row, so records are chained strictly in order under concurrency.
 */
public final class AuditLog {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final AuditChain chain;
    private final Clock clock;

    public AuditLog(AuditChain chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    public AuditRecord record(Handle handle, Actor actor, AuditEvent event) {
        // the row lock is held until the surrounding transaction ends: one writer at a time. Two round trips: take
        // the head (and the next id) under the lock; append the record and move the head in one statement.
        var head = handle.createQuery("SELECT last_hash, nextval('audit_log_id_seq') AS id FROM audit_chain WHERE id = 1 FOR UPDATE")
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("last_hash")))
                .one();
        long id = head.getKey();
        String previous = head.getValue();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        var unsigned = new AuditRecord(id, now, actor.userId(), actorEmail(actor, event), event.tenantId(),
                event.action(), event.entityType(), event.entityId(), canonicalJson(event), actor.request().requestId(),
                actor.request().ip(), actor.request().userAgent(), previous, null);
        String hash = chain.hash(previous, unsigned);
        handle.createUpdate("""
                        WITH appended AS (
                            INSERT INTO audit_log (id, occurred_at, actor_id, actor_email, tenant_id, action, entity_type,
                                                   entity_id, changes, request_id, ip, user_agent, prev_hash, hash)
                            VALUES (:id, :occurredAt, CAST(:actorId AS uuid), :actorEmail, CAST(:tenantId AS uuid), :action,
                                    :entityType, :entityId, :changes, :requestId, :ip, :userAgent, :prevHash, :hash))
                        UPDATE audit_chain SET last_id = :id, last_hash = :hash WHERE id = 1
                        """)
                .bindMethods(unsigned)
                .bind("hash", hash)
                .execute();
        return new AuditRecord(id, now, unsigned.actorId(), unsigned.actorEmail(), unsigned.tenantId(),
                unsigned.action(), unsigned.entityType(), unsigned.entityId(), unsigned.changes(),
                unsigned.requestId(), unsigned.ip(), unsigned.userAgent(), previous, hash);
    }

    private static String actorEmail(Actor actor, AuditEvent event) {
        if (actor.email() != null) {
            return actor.email();
        }
        // anonymous security events (failed login) name the account that was tried
        Object attempted = event.changes().get("email");
        return attempted instanceof String email ? email : null;
    }

    private static String canonicalJson(AuditEvent event) {
        try {
            return CANONICAL.writeValueAsString(event.changes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit changes must be plain JSON values", e);
        }
    }
}
