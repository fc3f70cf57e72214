package ai.healthflow.notification;

import ai.healthflow.platform.db.FeedPosition;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open real-time streams of this replica, by user. A wake-up for a user (from {@link NotificationListener})
 * makes each of that user's streams read its notifications after its own position and send them; a stream that
 * finds nothing yet (the rows' transaction is not final: see {@link FeedPosition}) looks again shortly. A periodic
 * keep-alive also reads, so a lost wake-up delays a notification by at most one interval and never drops it.
 */
public final class NotificationHub implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationHub.class);
    private static final int BATCH = 100;
    /** Looks again after a wake-up that found nothing final yet: 50, 100, 200, 400, 800 ms. */
    private static final int RETRIES = 5;

    private final NotificationService notifications;
    private final Duration keepAlive;
    private final Map<UUID, Set<Subscriber>> byUser = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "notification-streams");
        thread.setDaemon(true);
        return thread;
    });

    public NotificationHub(NotificationService notifications, Duration keepAlive) {
        this.notifications = notifications;
        this.keepAlive = keepAlive;
    }

    /** One open stream. */
    final class Subscriber {
        final UUID tenantId;
        final UUID userId;
        final Language language;
        final SseEventSink sink;
        final Sse sse;
        volatile FeedPosition position;
        final AtomicBoolean scheduled = new AtomicBoolean();

        Subscriber(UUID tenantId, UUID userId, Language language, SseEventSink sink, Sse sse, FeedPosition position) {
            this.tenantId = tenantId;
            this.userId = userId;
            this.language = language;
            this.sink = sink;
            this.sse = sse;
            this.position = position;
        }
    }

    /**
     * Opens a stream: sends what came after {@code after} (or, without it, only what comes from now on) and keeps
     * sending as new notifications commit.
     */
    public void subscribe(UUID tenantId, UUID userId, Language language, SseEventSink sink, Sse sse, FeedPosition after) {
        FeedPosition start = after != null ? after : notifications.latest(tenantId, userId);
        var subscriber = new Subscriber(tenantId, userId, language, sink, sse, start);
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
        // a comment first: the client knows the stream is open before anything happens
        sink.send(sse.newEventBuilder().comment("connected").build());
        schedule(subscriber, 0, after != null ? 0 : RETRIES);
    }

    /** Something was committed for {@code userId}. */
    void wake(UUID userId) {
        for (Subscriber subscriber : byUser.getOrDefault(userId, Set.of())) {
            schedule(subscriber, 0, RETRIES);
        }
    }

    /** After a lost listener connection: any user may have missed a wake-up. */
    void wakeAll() {
        byUser.keySet().forEach(this::wake);
    }

    int openStreams() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    private void schedule(Subscriber subscriber, long delayMillis, int retriesLeft) {
        if (delayMillis == 0 && !subscriber.scheduled.compareAndSet(false, true)) {
            return; // a read is already queued; it will see this wake-up's rows too
        }
        executor.schedule(() -> deliver(subscriber, retriesLeft), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void deliver(Subscriber subscriber, int retriesLeft) {
        synchronized (subscriber) { // one read at a time per stream: positions only move forward, nothing twice
            deliverNow(subscriber, retriesLeft);
        }
    }

    private void deliverNow(Subscriber subscriber, int retriesLeft) {
        subscriber.scheduled.set(false);
        if (subscriber.sink.isClosed()) {
            remove(subscriber);
            return;
        }
        try {
            List<NotificationRow> rows = notifications.after(subscriber.tenantId, subscriber.userId,
                    subscriber.position, BATCH);
            for (NotificationRow row : rows) {
                subscriber.sink.send(subscriber.sse.newEventBuilder()
                        .id(row.position().token())
                        .name("notification")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(NotificationView.class, row.in(subscriber.language))
                        .build());
                subscriber.position = row.position();
            }
            if (rows.size() == BATCH) {
                schedule(subscriber, 0, RETRIES);
            } else if (rows.isEmpty() && retriesLeft > 0) {
                executor.schedule(() -> deliver(subscriber, retriesLeft - 1),
                        50L << (RETRIES - retriesLeft), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // the client went away mid-send, or the database is briefly unreachable: the keep-alive tries again
            LOG.debug("Notification stream read failed for user {}", subscriber.userId, e);
            if (subscriber.sink.isClosed()) {
                remove(subscriber);
            }
        }
    }

    private void keepAlive() {
        for (Set<Subscriber> subscribers : byUser.values()) {
            for (Subscriber subscriber : subscribers) {
                if (subscriber.sink.isClosed()) {
                    remove(subscriber);
                    continue;
                }
                subscriber.sink.send(subscriber.sse.newEventBuilder().comment("keep-alive").build())
                        .whenComplete((ok, failure) -> {
                            if (failure != null) {
                                close(subscriber);
                            }
                        });
                schedule(subscriber, 0, 0);
            }
        }
    }

    private void close(Subscriber subscriber) {
        remove(subscriber);
        try {
            subscriber.sink.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing a broken notification stream failed", e);
        }
    }

    private void remove(Subscriber subscriber) {
        byUser.computeIfPresent(subscriber.userId, (id, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        long period = keepAlive.toMillis();
        executor.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends every open stream. Called when the server starts stopping: open streams are requests in flight, and
     * the graceful shutdown would otherwise wait for them until its timeout. Clients reconnect (to another
     * replica) and resume from their last event id.
     */
    public void closeAll() {
        byUser.values().forEach(set -> set.forEach(this::close));
    }

    @Override
    public void stop() {
        closeAll();
        executor.shutdownNow();
    }
}
