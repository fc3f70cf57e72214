package ai.healthflow.email;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code email_outbox} table. Every outcome update is fenced by {@code attempts}: a dispatcher whose claim
 * expired and was taken over by another cannot overwrite the newer attempt's result.
 */
@RegisterConstructorMapper(ClaimedEmail.class)
@RegisterConstructorMapper(OutgoingEmail.class)
public interface EmailOutboxDao {

    @SqlUpdate("""
            INSERT INTO email_outbox (id, recipient, subject, body_text)
            VALUES (:id, :recipient, :subject, :bodyText)
            """)
    void insert(@Bind("id") UUID id, @Bind("recipient") String recipient, @Bind("subject") String subject,
                @Bind("bodyText") String bodyText);

    /**
     * Claims up to {@code batch} due messages for one attempt each: counts the attempt and moves
     * {@code next_attempt_at} past the lease, so other dispatchers skip them while this one sends. One statement,
     * hence one short transaction: the row locks end before any network traffic. SKIP LOCKED lets concurrent
     * dispatchers claim disjoint rows instead of waiting for each other.
     */
    @SqlQuery("""
            WITH due AS (
                SELECT id
                  FROM email_outbox
                 WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY created_at
                 LIMIT :batch
                   FOR UPDATE SKIP LOCKED
            )
            UPDATE email_outbox o
               SET attempts = o.attempts + 1,
                   next_attempt_at = now() + make_interval(secs => :leaseSeconds)
              FROM due
             WHERE o.id = due.id
            RETURNING o.id, o.recipient, o.subject, o.body_text, o.attempts
            """)
    List<ClaimedEmail> claim(@Bind("batch") int batch, @Bind("leaseSeconds") long leaseSeconds);

    /** Without SMTP: takes due messages out of the polling (next attempt 'infinity'), still pending, not attempted. */
    @SqlQuery("""
            WITH due AS (
                SELECT id
                  FROM email_outbox
                 WHERE status = 'pending' AND next_attempt_at <= now()
                 ORDER BY created_at
                 LIMIT :batch
                   FOR UPDATE SKIP LOCKED
            )
            UPDATE email_outbox o
               SET next_attempt_at = 'infinity', last_error = :note
              FROM due
             WHERE o.id = due.id
            RETURNING o.id, o.recipient, o.subject, o.body_text
            """)
    List<OutgoingEmail> hold(@Bind("batch") int batch, @Bind("note") String note);

    /** Makes held messages due now; returns how many. */
    @SqlUpdate("""
            UPDATE email_outbox
               SET next_attempt_at = now(), last_error = NULL
             WHERE status = 'pending' AND next_attempt_at = 'infinity'
            """)
    int releaseHeld();

    @SqlUpdate("""
            UPDATE email_outbox
               SET status = 'sent', sent_at = now()
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int markSent(@Bind("id") UUID id, @Bind("attempt") int attempt);

    @SqlUpdate("""
            UPDATE email_outbox
               SET next_attempt_at = :nextAttemptAt, last_error = :error
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int retryLater(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("nextAttemptAt") Instant nextAttemptAt,
                   @Bind("error") String error);

    @SqlUpdate("""
            UPDATE email_outbox
               SET status = 'failed', last_error = :error
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int markFailed(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("error") String error);

    /** Gives back a claim that was never attempted (shutting down): due again now, attempt not counted. */
    @SqlUpdate("""
            UPDATE email_outbox
               SET attempts = attempts - 1, next_attempt_at = now()
             WHERE id = :id AND status = 'pending' AND attempts = :attempt
            """)
    int unclaim(@Bind("id") UUID id, @Bind("attempt") int attempt);
}
