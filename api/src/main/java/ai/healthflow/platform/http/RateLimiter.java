package ai.healthflow.platform.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.lifecycle.Managed;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts requests per key in one-minute windows held in PostgreSQL ({@code rate_limit_windows}), so a limit holds
 * across every replica of the service. A key's window opens at its first request and is refilled whole a minute
 * later, as the in-memory Bucket4j buckets did before (the 101st request of a minute is refused, it does not
 * trickle through).
 *
 * <p>Cost: one statement on a pooled connection, in auto-commit, outside any business transaction (an
 * {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} on an unlogged table). Bucket4j's PostgreSQL proxy managers
 * were not chosen: their lock-based strategies take a transaction with a {@code SELECT … FOR UPDATE} (or an
 * advisory lock) and an update, three to four round trips per request where this takes one.
 *
 * <p>When PostgreSQL cannot be reached the limiter fails <em>to local</em>: for the next few seconds each replica
 * counts in memory, exactly as before, so a client gets at most the limit times the number of replicas and never a
 * 500 from the limiter. Refusing everything (fail-closed) would add nothing: requests needing the database fail
 * anyway and the readiness probe already takes the replica out of the load balancer.
 */
public final class RateLimiter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** How long to count locally after a database failure before trying PostgreSQL again. */
    private static final long DATABASE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    // The SET list reads the old row, so both CASEs test the window as it was before this request.
    private static final String COUNT = """
            INSERT INTO rate_limit_windows AS w (key, window_start, count) VALUES (?, now(), 1)
            ON CONFLICT (key) DO UPDATE SET
                window_start = CASE WHEN w.window_start <= now() - interval '1 minute' THEN now() ELSE w.window_start END,
                count        = CASE WHEN w.window_start <= now() - interval '1 minute' THEN 1 ELSE least(w.count, 2147483646) + 1 END
            RETURNING w.count, (extract(epoch FROM w.window_start + interval '1 minute' - now()) * 1000)::bigint
            """;
    private static final String DELETE_EXPIRED =
            "DELETE FROM rate_limit_windows WHERE window_start < now() - interval '2 minutes'";

    /** The outcome for one request. */
    public record Decision(boolean allowed, long remaining, long millisToReset) {
        /** Seconds until the window is refilled, at least 1, rounded down (the {@code RateLimit-Reset} header). */
        public long resetSeconds() {
            return Math.max(1, millisToReset / 1000);
        }

        /** Seconds to wait before retrying, at least 1, rounded up (the {@code Retry-After} header). */
        public long retryAfterSeconds() {
            return Math.max(1, (millisToReset + 999) / 1000);
        }
    }

    private final DataSource dataSource;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(200_000)
            .build();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rate-limit-sweeper");
        t.setDaemon(true);
        return t;
    });
    private volatile long localUntil = Long.MIN_VALUE;
    private volatile boolean local;

    /** @param dataSource the service's pool; its connections run as {@code healthflow_app} */
    public RateLimiter(DataSource dataSource) {
        this(dataSource, System::nanoTime);
    }

    RateLimiter(DataSource dataSource, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.nanoTime = nanoTime;
    }

    /**
     * Counts one request against {@code key}, allowed while the key's window holds fewer than {@code limit}.
     * Never throws for a database failure (see the class comment).
     */
    public Decision tryAcquire(String key, int limit) {
        if (local && nanoTime.getAsLong() - localUntil < 0) {
            return locally(key, limit);
        }
        try {
            Decision decision = inDatabase(key, limit);
            if (local) {
                local = false;
                LOG.info("Rate limits are shared through PostgreSQL again");
            }
            return decision;
        } catch (SQLException | RuntimeException e) {
            localUntil = nanoTime.getAsLong() + DATABASE_RETRY_NANOS;
            if (!local) {
                local = true;
                LOG.warn("Rate limits counted per replica for now: PostgreSQL is not answering ({})", e.getMessage());
            }
            return locally(key, limit);
        }
    }

    private Decision inDatabase(String key, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement(COUNT)) {
            statement.setBytes(1, digest(key));
            try (var row = statement.executeQuery()) {
                row.next();
                long count = row.getLong(1);
                long millisToReset = Math.max(0, row.getLong(2));
                return new Decision(count <= limit, Math.max(0, limit - count), millisToReset);
            }
        }
    }

    private Decision locally(String key, int limit) {
        Bucket bucket = localBuckets.get(key + "#" + limit, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, WINDOW).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long nanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        return new Decision(probe.isConsumed(), probe.getRemainingTokens(), TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    static byte[] digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Deletes windows over for more than a minute; every replica sweeps, which is harmless. */
    int deleteExpired() {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.prepareStatement(DELETE_EXPIRED)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            LOG.debug("Expired rate-limit windows not deleted this time: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void start() {
        sweeper.scheduleWithFixedDelay(this::deleteExpired, 1, 1, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        sweeper.shutdownNow();
    }
}
