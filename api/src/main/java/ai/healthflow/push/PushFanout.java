package ai.healthflow.push;

import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.FeedPosition;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns notifications into pushes: reads the {@code notifications} feed in commit order (see {@link FeedPosition})
 * after the position stored in {@code push_feed_position}, and inserts one {@code push_outbox} row per notification
 * and device of its user, in bulk.
 *
 * <p>Exactly once, on any number of replicas: each step is one transaction that locks the position row
 * ({@code FOR UPDATE SKIP LOCKED}), inserts the pushes and moves the position together. A replica that finds the
 * row locked skips its turn (the holder is doing the work); a crash rolls back the pushes and the position alike.
 * A unique (notification, device) index stands behind it.
 */
public final class PushFanout implements Managed {
    /** Notifications per transaction: a national fan-out of tens of thousands is taken in steps. */
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PushFanout.class);

    private final Db db;
    private final Duration interval;
    private final Runnable onPushes;
    private boolean failing; // only touched by the fan-out thread
    private ScheduledExecutorService executor;

    /** @param onPushes called after a step created pushes (wakes the local dispatcher) */
    public PushFanout(Db db, Duration interval, Runnable onPushes) {
        this.db = db;
        this.interval = interval;
        this.onPushes = onPushes;
    }

    /**
     * One step: the next notifications after the position, their pushes, the new position, in one transaction.
     *
     * @return what the step did; empty when another fan-out holds the position right now
     */
    public Optional<PushOutboxDao.FanoutBatch> fanOutOnce() {
        return db.acrossTenants(handle -> {
            PushOutboxDao outbox = Db.dao(handle, PushOutboxDao.class);
            return outbox.lockPosition().map(position -> outbox.fanOut(position.xact(), position.seq(), BATCH));
        });
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("push-fanout").daemon().factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS); // a step in flight commits or rolls back as a whole
            executor = null;
        }
    }

    private void tick() {
        try {
            for (Optional<PushOutboxDao.FanoutBatch> step = fanOutOnce(); step.isPresent(); step = fanOutOnce()) {
                if (step.get().pushes() > 0) {
                    onPushes.run();
                }
                if (step.get().notifications() < BATCH) {
                    break; // caught up
                }
            }
            if (failing) {
                failing = false;
                LOG.info("Push fan-out works again");
            }
        } catch (RuntimeException e) {
            // keep the thread alive; log once per outage. Nothing is lost: the position did not move.
            if (!failing) {
                failing = true;
                LOG.warn("Push fan-out failed, retrying every {}: {}", interval, e.toString());
            }
        }
    }
}
