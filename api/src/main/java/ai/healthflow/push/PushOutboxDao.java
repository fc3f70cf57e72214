package ai.healthflow.push;

import ai.healthflow.platform.db.FeedPosition;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code push_outbox} table and the fan-out's position. Run in transactions that see every tenant. Every outcome
 * update is fenced by {@code attempts}: a dispatcher whose claim expired and was taken over by another cannot
 * overwrite the newer attempt's result.
 */
@RegisterConstructorMapper(ClaimedPush.class)
@RegisterConstructorMapper(PushOutboxDao.FanoutBatch.class)
@RegisterConstructorMapper(PushOutboxDao.HeldPush.class)
@RegisterConstructorMapper(FeedPosition.class)
public interface PushOutboxDao {

    /** What one fan-out step did: notifications read from the feed, pushes created. */
    record FanoutBatch(int notifications, int pushes) {
    }

    /** A push taken out of polling while delivery is disabled. */
    record HeldPush(UUID id, UUID notificationId, UUID deviceId, String kind) {
    }

    /**
     * Locks the single position row until the transaction ends and reads it. Empty when another fan-out holds it:
     * that one is doing the work, so this one skips its turn instead of waiting.
     */
    @SqlQuery("""
            SELECT CAST(CAST(xact AS text) AS bigint) AS xact, seq
              FROM push_feed_position WHERE id = 1
               FOR UPDATE SKIP LOCKED
            """)
    Optional<FeedPosition> lockPosition();

    /**
     * One step of the fan-out, in one statement, under the position lock: reads the next final notifications after
     * the position in commit order (see FeedPosition), inserts one push per notification and device of its user in
     * its tenant (active users of active tenants only), and moves the position to the last notification read. The
     * statement starts after the lock was granted, so it sees everything the previous holder committed.
     */
    @SqlQuery("""
            WITH batch AS (
                SELECT id, tenant_id, user_id, xact_id, seq
                  FROM notifications
                 WHERE (xact_id, seq) > (CAST(CAST(:feedXact AS text) AS xid8), :feedSeq)
                   AND xact_id < pg_snapshot_xmin(pg_current_snapshot())
                 ORDER BY xact_id, seq
                 LIMIT :batch
            ), pushes AS (
                INSERT INTO push_outbox (tenant_id, notification_id, device_id)
                SELECT b.tenant_id, b.id, d.id
                  FROM batch b
                  JOIN devices d ON d.user_id = b.user_id AND d.tenant_id = b.tenant_id
                  JOIN users u ON u.id = b.user_id AND u.status = 'active'
                  JOIN tenants t ON t.id = b.tenant_id AND t.status = 'active'
                    ON CONFLICT (notification_id, device_id) DO NOTHING
                RETURNING 1
            ), last AS (
                SELECT xact_id, seq FROM batch ORDER BY xact_id DESC, seq DESC LIMIT 1
            ), moved AS (
                UPDATE push_feed_position p SET xact = last.xact_id, seq = last.seq, updated_at = now()
                  FROM last
                 WHERE p.id = 1
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM batch) AS notifications, (SELECT count(*) FROM pushes) AS pushes
            """)
    FanoutBatch fanOut(@Bind("feedXact") long feedXact, @Bind("feedSeq") long feedSeq, @Bind("batch") int batch);

    /**
     * Claims up to {@code batch} due pushes for one attempt each: counts the attempt and moves
     * {@code next_attempt_at} past the lease, so other dispatchers skip them while this one sends. One statement,
     * hence one short transaction: the row locks end before any network traffic. SKIP LOCKED lets concurrent
     * dispatchers claim disjoint rows instead of waiting for each other. The device columns are null when the
     * device was removed after the push was created.
     */
    @SqlQuery("""
            WITH due AS (
                SELECT id
                  FROM push_outbox
                 WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at
                 LIMIT :batch
                   FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE push_outbox o
                   SET attempts = o.attempts + 1,
                       next_attempt_at = now() + make_interval(secs => :leaseSeconds)
                  FROM due
                 WHERE o.id = due.id
                RETURNING o.id, o.attempts, o.notification_id, o.device_id
            )
            SELECT c.id, c.attempts, c.device_id, d.token, d.language, n.id AS notification_id, n.kind,
                   n.title_en, n.title_ar, n.body_en, n.body_ar, n.subject_type, n.subject_id
              FROM claimed c
              JOIN notifications n ON n.id = c.notification_id
              LEFT JOIN devices d ON d.id = c.device_id
            """)
    List<ClaimedPush> claim(@Bind("batch") int batch, @Bind("leaseSeconds") long leaseSeconds);

    /** While delivery is disabled: takes due pushes out of polling (next attempt 'infinity'), pending, not attempted. */
    @SqlQuery("""
            WITH due AS (
                SELECT id
                  FROM push_outbox
                 WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at
                 LIMIT :batch
                   FOR UPDATE SKIP LOCKED
            ), held AS (
                UPDATE push_outbox o
                   SET next_attempt_at = 'infinity', last_error = :note
                  FROM due
                 WHERE o.id = due.id
                RETURNING o.id, o.notification_id, o.device_id
            )
            SELECT h.id, h.notification_id, h.device_id, n.kind
              FROM held h JOIN notifications n ON n.id = h.notification_id
            """)
    List<HeldPush> hold(@Bind("batch") int batch, @Bind("note") String note);

    /** Makes held pushes due now; returns how many. */
    @SqlUpdate("""
            UPDATE push_outbox
               SET next_attempt_at = now(), last_error = NULL
             WHERE status = 'pending' AND next_attempt_at = 'infinity'
            """)
    int releaseHeld();

    @SqlUpdate("""
            UPDATE push_outbox
               SET status = 'sent', sent_at = now(), provider_id = :providerId, last_error = NULL
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int markSent(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("providerId") String providerId);

    @SqlUpdate("""
            UPDATE push_outbox
               SET next_attempt_at = :nextAttemptAt, last_error = :error
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int retryLater(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("nextAttemptAt") Instant nextAttemptAt,
                   @Bind("error") String error);

    @SqlUpdate("""
            UPDATE push_outbox
               SET status = 'failed', last_error = :error
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int markFailed(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("error") String error);

    /**
     * Gives a claim back without counting it: the push was not sent (shutting down), or the provider refused our
     * credentials, which says nothing about this push. Due again at {@code nextAttemptAt}.
     */
    @SqlUpdate("""
            UPDATE push_outbox
               SET attempts = attempts - 1, next_attempt_at = :nextAttemptAt,
                   last_error = coalesce(:error, last_error)
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int unclaim(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("nextAttemptAt") Instant nextAttemptAt,
                @Bind("error") String error);
}
