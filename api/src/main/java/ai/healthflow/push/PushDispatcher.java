package ai.healthflow.push;

import ai.healthflow.platform.db.Db;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers {@code push_outbox}: one background thread that every poll interval (and when {@link PushFanout} has
 * created pushes) claims due pushes and sends them. The same design as the email dispatcher:
 * <ol>
 *   <li>claim: one statement locks due rows with {@code FOR UPDATE SKIP LOCKED}, counts an attempt and pushes
 *       {@code next_attempt_at} out by {@link #LEASE}, then commits; no lock or transaction is held while the
 *       network is used, and other replicas neither wait for nor take those rows;</li>
 *   <li>send, outside any transaction;</li>
 *   <li>record, fenced by the attempt number: {@code sent}; the device removed (and the push failed) when the
 *       provider says the token is invalid; {@code failed} for a message the provider refuses for good; a retry
 *       after first-delay × 2^(attempt−1), capped, or after the provider's Retry-After if longer; {@code failed}
 *       after {@code maxAttempts}. When the provider refuses our credentials the attempt is not counted: the push
 *       waits and this dispatcher pauses (doubling, capped) and warns, until the credentials work again.</li>
 * </ol>
 * Delivery is at least once: a process that dies after FCM accepted a push but before recording it sends it again
 * after the lease. Apps can tell by {@code data.notificationId}.
 *
 * <p>With push disabled each due push is logged once (ids and kind, never the token or text) and held: pending, not
 * attempted, {@code next_attempt_at = 'infinity'}. A dispatcher with push enabled releases held pushes at each run.
 */
public final class PushDispatcher implements Managed {
    /** How long a claim lasts: far above one batch's worst case (20 × (connect + request timeout)). */
    static final Duration LEASE = Duration.ofMinutes(15);
    static final int DEFAULT_BATCH = 20;
    static final String HELD_NOTE = "held: push delivery disabled (PUSH_ENABLED)";
    static final String DEVICE_GONE = "device removed before delivery";
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

    private final Db db;
    private final PushSender sender;
    private final DeviceService devices;
    private final int maxAttempts;
    private final Duration interval;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final int batchSize;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile Instant pausedUntil = Instant.MIN;
    private int credentialFailures; // consecutive; guarded by this
    private boolean failing; // only touched by the dispatcher thread
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService executor;

    /** The production set-up: FCM when push is enabled (else holding), timings from the settings. */
    public PushDispatcher(Db db, DeviceService devices, PushSettings settings, Clock clock) {
        this(db, PushSender.of(settings), devices, settings, DEFAULT_BATCH, clock);
    }

    public PushDispatcher(Db db, PushSender sender, DeviceService devices, PushSettings settings, int batchSize,
                          Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.db = db;
        this.sender = sender;
        this.devices = devices;
        this.maxAttempts = settings.maxAttempts();
        this.interval = settings.pollInterval().toJavaDuration();
        this.firstRetry = settings.firstRetryDelay().toJavaDuration();
        this.maxRetry = settings.maxRetryDelay().toJavaDuration();
        this.batchSize = batchSize;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!sender.delivers()) {
            LOG.info("Push delivery disabled (PUSH_ENABLED=false): pushes are logged and kept pending in push_outbox");
        }
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("push-dispatcher").daemon().factory());
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
            executor.shutdownNow(); // a send stuck in I/O: that push is retried after the lease
        }
        executor = null;
    }

    /** New pushes were created: look now instead of at the next poll (on the dispatcher's own thread). */
    public synchronized void wake() {
        if (executor != null && !stopping && wakeQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakeQueued.set(false); // a wake-up from now on queues another run
                    tick();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // stopping meanwhile
            }
        }
    }

    /** Claims one batch of due pushes and sends (or, when disabled, holds) each; returns how many were claimed. */
    public int dispatchOnce() {
        if (!sender.delivers()) {
            return holdOnce();
        }
        if (clock.instant().isBefore(pausedUntil)) {
            return 0;
        }
        int released = db.acrossTenants(handle -> Db.dao(handle, PushOutboxDao.class).releaseHeld());
        if (released > 0) {
            LOG.info("Released {} push(es) held while push delivery was disabled", released);
        }
        List<ClaimedPush> claimed = db.acrossTenants(handle -> Db.dao(handle, PushOutboxDao.class)
                .claim(batchSize, LEASE.toSeconds()));
        for (ClaimedPush push : claimed) {
            Instant resume = pausedUntil;
            if (stopping || clock.instant().isBefore(resume)) {
                // not attempted: due again now (shutting down) or when the pause ends
                Instant next = stopping ? clock.instant() : resume;
                update(dao -> dao.unclaim(push.id(), push.attempts(), next, null));
                continue;
            }
            deliver(push);
        }
        return claimed.size();
    }

    private int holdOnce() {
        List<PushOutboxDao.HeldPush> held = db.acrossTenants(handle -> Db.dao(handle, PushOutboxDao.class)
                .hold(batchSize, HELD_NOTE));
        for (PushOutboxDao.HeldPush push : held) {
            LOG.info("Push held, push delivery disabled (PUSH_ENABLED): id={} notification={} device={} kind={}",
                    push.id(), push.notificationId(), push.deviceId(), push.kind());
        }
        return held.size();
    }

    private void deliver(ClaimedPush push) {
        if (push.deviceGone()) {
            update(dao -> dao.markFailed(push.id(), push.attempts(), DEVICE_GONE));
            return;
        }
        PushResult result;
        try {
            result = sender.send(push.message());
        } catch (RuntimeException e) {
            result = new PushResult.RetryLater(FcmClient.oneLine(e.toString()), null);
        }
        switch (result) {
            case PushResult.Delivered delivered -> {
                update(dao -> dao.markSent(push.id(), push.attempts(), delivered.providerId()));
                credentialsWork();
            }
            case PushResult.TokenRejected rejected -> {
                devices.removeRejected(push.deviceId(), rejected.reason());
                LOG.info("Push {}: the provider rejected device {}'s token; device removed: {}", push.id(),
                        push.deviceId(), rejected.reason());
                credentialsWork();
            }
            case PushResult.Rejected rejected -> {
                update(dao -> dao.markFailed(push.id(), push.attempts(), rejected.reason()));
                LOG.warn("Push {} refused by the provider, not retried: {}", push.id(), rejected.reason());
                credentialsWork();
            }
            case PushResult.RetryLater retry -> retryOrFail(push, retry);
            case PushResult.CredentialsRefused refused -> pause(push, refused);
        }
    }

    private void retryOrFail(ClaimedPush push, PushResult.RetryLater retry) {
        if (push.attempts() >= maxAttempts) {
            update(dao -> dao.markFailed(push.id(), push.attempts(), retry.reason()));
            LOG.warn("Push {} failed after {} attempt(s), giving up: {}", push.id(), push.attempts(), retry.reason());
            return;
        }
        Duration wait = backoff(push.attempts());
        if (retry.retryAfter() != null && retry.retryAfter().compareTo(wait) > 0) {
            wait = retry.retryAfter(); // never sooner than the provider asked
        }
        Instant next = clock.instant().plus(wait);
        update(dao -> dao.retryLater(push.id(), push.attempts(), next, retry.reason()));
        LOG.info("Push {} attempt {} failed, next at {}: {}", push.id(), push.attempts(), next, retry.reason());
    }

    private void pause(ClaimedPush push, PushResult.CredentialsRefused refused) {
        Instant resume;
        synchronized (this) {
            credentialFailures++;
            resume = clock.instant().plus(backoff(credentialFailures));
            pausedUntil = resume;
        }
        update(dao -> dao.unclaim(push.id(), push.attempts(), resume, refused.reason()));
        // operators must act (expired or wrong token, wrong project): warn each time, at most once per pause
        LOG.warn("FCM refused push delivery ({}); check FCM_ACCESS_TOKEN / FCM_ACCESS_TOKEN_FILE and FCM_PROJECT_ID. "
                + "Pushes wait (attempts not counted); trying again at {}", refused.reason(), resume);
    }

    private void credentialsWork() {
        synchronized (this) {
            if (credentialFailures == 0) {
                return;
            }
            credentialFailures = 0;
        }
        LOG.info("FCM accepts our credentials again; push delivery resumed");
    }

    /** Delay after the given failed attempt (1-based): the first delay, doubling, capped. */
    Duration backoff(int attempt) {
        int doublings = Math.clamp(attempt - 1, 0, 30); // far past any cap; no overflow
        Duration delay = firstRetry.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    private void update(java.util.function.Consumer<PushOutboxDao> change) {
        db.acrossTenants(handle -> {
            change.accept(Db.dao(handle, PushOutboxDao.class));
            return null;
        });
    }

    private void tick() {
        try {
            // drain a backlog without waiting an interval per batch; claimed rows leave the due set, so this ends
            while (!stopping && dispatchOnce() == batchSize) {
                // next batch
            }
            if (failing) {
                failing = false;
                LOG.info("Push dispatch works again");
            }
        } catch (RuntimeException e) {
            // keep the thread alive (a thrown exception would cancel the schedule); log once per outage
            if (!failing) {
                failing = true;
                LOG.warn("Push dispatch failed, retrying every {}: {}", interval, e.toString());
            }
        }
    }
}
