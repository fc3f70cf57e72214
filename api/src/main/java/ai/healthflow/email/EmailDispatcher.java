package ai.healthflow.email;

import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the outbox: one background thread that every {@code interval} claims due messages and sends them.
 *
 * <p>How a message goes out (every replica may run this; no coordination beyond the rows themselves):
 * <ol>
 *   <li>claim: one statement locks due rows with {@code FOR UPDATE SKIP LOCKED}, counts an attempt and pushes
 *       {@code next_attempt_at} out by {@link #LEASE}, then commits; so no lock or transaction is held while the
 *       network is used, and another replica neither waits for nor takes those rows;</li>
 *   <li>send, outside any transaction;</li>
 *   <li>record: {@code sent}; or the error and a retry after 30 s × 2^(attempt−1), at most 1 h; or {@code failed}
 *       after {@code maxAttempts}.</li>
 * </ol>
 * Trade-off: delivery is at least once. A process that dies after the server accepted a message but before step 3
 * leaves it pending, and it is sent again after the lease (same Message-ID). Holding the row lock during the send
 * would not avoid that (the commit can fail just the same) and would pin a pooled connection per send.
 *
 * <p>Without SMTP ({@link LoggingEmailSender}) each due message is logged once and held: still pending, not
 * attempted, {@code next_attempt_at = 'infinity'} so it is not polled again (and so logged once, across restarts
 * and replicas). A dispatcher with SMTP releases held messages at each run (an index lookup), so they go out as soon
 * as one runs, also during a rolling deploy that adds SMTP settings.
 */
public final class EmailDispatcher implements Managed {
    /** How long a claim lasts; far above one batch's worst case under SmtpEmailSender's timeouts. */
    static final Duration LEASE = Duration.ofMinutes(15);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    static final int DEFAULT_BATCH = 10; // sent one after the other: keeps a batch well inside the lease
    static final String HELD_NOTE = "held: no SMTP server configured";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY = Duration.ofHours(1);
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(EmailDispatcher.class);

    private final Jdbi jdbi;
    private final EmailSender sender;
    private final int maxAttempts;
    private final Duration interval;
    private final int batchSize;
    private final Clock clock;
    private volatile boolean stopping;
    private boolean failing; // only touched by the dispatcher thread
    private ScheduledExecutorService executor;

    /** The production set-up: SMTP when configured (else logging), every 2 s, 10 messages a batch. */
    public EmailDispatcher(Jdbi jdbi, EmailSettings settings, Clock clock) {
        this(jdbi, EmailSender.of(settings), settings.maxAttempts(), DEFAULT_INTERVAL, DEFAULT_BATCH, clock);
    }

    public EmailDispatcher(Jdbi jdbi, EmailSender sender, int maxAttempts, Duration interval, int batchSize,
                           Clock clock) {
        if (maxAttempts < 1 || batchSize < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("maxAttempts, batchSize and interval must be positive");
        }
        this.jdbi = jdbi;
        this.sender = sender;
        this.maxAttempts = maxAttempts;
        this.interval = interval;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!sender.delivers()) {
            LOG.info("No SMTP server configured (SMTP_HOST): emails are logged and kept pending in email_outbox");
        }
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("email-dispatcher").daemon().factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (executor == null) {
            return;
        }
        stopping = true; // the batch in hand gives back its unsent claims
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow(); // a send stuck in I/O: that message is retried after the lease
        }
        executor = null;
    }

    /** Claims one batch of due messages and sends (or, without SMTP, holds) each; returns how many were claimed. */
    public int dispatchOnce() {
        if (!sender.delivers()) {
            return holdOnce();
        }
        int released = jdbi.withExtension(EmailOutboxDao.class, EmailOutboxDao::releaseHeld);
        if (released > 0) {
            LOG.info("Released {} email(s) held while no SMTP server was configured", released);
        }
        List<ClaimedEmail> claimed = jdbi.withExtension(EmailOutboxDao.class,
                dao -> dao.claim(batchSize, LEASE.toSeconds()));
        for (ClaimedEmail email : claimed) {
            if (stopping) {
                jdbi.useExtension(EmailOutboxDao.class, dao -> dao.unclaim(email.id(), email.attempts()));
                continue;
            }
            deliver(email);
        }
        return claimed.size();
    }

    private int holdOnce() {
        List<OutgoingEmail> held = jdbi.withExtension(EmailOutboxDao.class, dao -> dao.hold(batchSize, HELD_NOTE));
        for (OutgoingEmail email : held) {
            try {
                sender.send(email);
            } catch (EmailDeliveryException | RuntimeException e) {
                LOG.warn("Could not report held email {}: {}", email.id(), e.getMessage());
            }
        }
        return held.size();
    }

    private void deliver(ClaimedEmail email) {
        try {
            sender.send(email.outgoing());
        } catch (EmailDeliveryException | RuntimeException e) {
            recordFailure(email, shortError(e));
            return;
        }
        jdbi.useExtension(EmailOutboxDao.class, dao -> dao.markSent(email.id(), email.attempts()));
    }

    private void recordFailure(ClaimedEmail email, String error) {
        if (email.attempts() >= maxAttempts) {
            jdbi.useExtension(EmailOutboxDao.class, dao -> dao.markFailed(email.id(), email.attempts(), error));
            LOG.warn("Email {} failed after {} attempt(s), giving up: {}", email.id(), email.attempts(), error);
        } else {
            Instant next = clock.instant().plus(backoff(email.attempts()));
            jdbi.useExtension(EmailOutboxDao.class, dao -> dao.retryLater(email.id(), email.attempts(), next, error));
            LOG.info("Email {} attempt {} failed, next at {}: {}", email.id(), email.attempts(), next, error);
        }
    }

    /** Delay after the given failed attempt (1-based): 30 s, 1 min, 2 min, … capped at 1 h. */
    static Duration backoff(int attempt) {
        int doublings = Math.clamp(attempt - 1, 0, 20); // 30 s × 2^20 is far past the cap; no overflow
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    /** One line, bounded: the server's reply or the exception message, never a stack trace. */
    static String shortError(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName()
                : failure instanceof EmailDeliveryException ? message
                : failure.getClass().getSimpleName() + ": " + message;
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private void tick() {
        try {
            // drain a backlog without waiting an interval per batch; claimed rows leave the due set, so this ends
            while (!stopping && dispatchOnce() == batchSize) {
                // next batch
            }
            if (failing) {
                failing = false;
                LOG.info("Email dispatch works again");
            }
        } catch (RuntimeException e) {
            // keep the thread alive (a thrown exception would cancel the schedule); log once per outage
            if (!failing) {
                failing = true;
                LOG.warn("Email dispatch failed, retrying every {}: {}", interval, e.toString());
            }
        }
    }
}
