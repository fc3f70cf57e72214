package ai.healthflow.health;

import ai.healthflow.batch.repository.JobRepositoryStatus;
import ai.healthflow.platform.db.Migrations;
import ai.healthflow.platform.http.RequestMetricsFilter;
import ai.healthflow.search.SearchIndex;
import ai.healthflow.system.BuildInfo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks each component the service depends on and builds the health and readiness reports from them. */
public final class HealthService {
    private final DataSource dataSource;
    private final Migrations migrations;
    private final SearchProbe searchIndex;
    private final JobRepositoryStatus jobRepository;
    private final RequestMetricsFilter requestMetrics;
    private final BuildInfo build;
    private final Clock clock;
    private final Instant startedAt;
    private final Cache<Probe, ProbeResult> probes = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1))
            .build();

    public HealthService(DataSource dataSource, Migrations migrations, SearchProbe searchIndex,
                         JobRepositoryStatus jobRepository, RequestMetricsFilter requestMetrics, BuildInfo build,
                         Clock clock) {
        this.dataSource = dataSource;
        this.migrations = migrations;
        this.searchIndex = searchIndex;
        this.jobRepository = jobRepository;
        this.requestMetrics = requestMetrics;
        this.build = build;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Public, unauthenticated and unlimited: answered from a one-second cache so a flood of probes costs one check. */
    public HealthReport health() {
        return probes.get(Probe.HEALTH, key -> checkHealth()).health();
    }

    public ReadinessReport readiness() {
        return probes.get(Probe.READY, key -> checkReadiness()).readiness();
    }

    private enum Probe { HEALTH, READY }

    private record ProbeResult(HealthReport health, ReadinessReport readiness) {
    }

    private ProbeResult checkHealth() {
        ComponentStatus database = database();
        ComponentStatus search = search();
        ComponentStatus batch = database.up() ? batch() : down(0, "database unavailable");
        return new ProbeResult(summary(database, search, batch, null, null), null);
    }

    public HealthReport detailed() {
        var components = new LinkedHashMap<String, ComponentStatus>();
        ComponentStatus database = database();
        components.put("database", database);
        components.put("migrations", database.up() ? migrations() : down(0, "database unavailable"));
        components.put("search", search());
        components.put("batch", database.up() ? batch() : down(0, "database unavailable"));
        Map<String, Object> checks = Map.of("api_performance", ApiPerformance.of(requestMetrics));
        return summary(database, components.get("search"), components.get("batch"), components, checks);
    }

    // Fixed texts: the public probe says what is wrong, the detailed report (super admin) says why.
    private ProbeResult checkReadiness() {
        List<String> reasons = new ArrayList<>();
        ComponentStatus database = database();
        if (!database.up()) {
            reasons.add("database: unreachable");
        } else if (!migrations().up()) {
            reasons.add("migrations: pending");
        }
        if (!search().up()) {
            reasons.add(searchIndex.rebuilding() ? "search: index being built" : "search: index unavailable");
        }
        return new ProbeResult(null, new ReadinessReport(reasons.isEmpty() ? "ready" : "not_ready",
                clock.instant(), List.copyOf(reasons)));
    }

    public Duration uptime() {
        return Duration.between(startedAt, clock.instant());
    }

    public Instant startedAt() {
        return startedAt;
    }

    private HealthReport summary(ComponentStatus database, ComponentStatus search, ComponentStatus batch,
                                 Map<String, ComponentStatus> components, Map<String, Object> checks) {
        // a first index build in progress makes the service not ready, but it is alive: no restart wanted
        boolean healthy = database.up() && (search.up() || searchIndex.rebuilding());
        return new HealthReport(healthy ? "healthy" : "unhealthy", clock.instant(), build.version(),
                database.up() ? "connected" : "disconnected",
                search.up() ? "ready" : "unavailable",
                batch.up() ? "ready" : "unavailable",
                components == null ? null : uptime().toSeconds(),
                components, checks);
    }

    public ComponentStatus database() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (var rows = statement.executeQuery("SELECT current_setting('server_version')")) {
                rows.next();
                return up(start, Map.of("version", rows.getString(1)));
            }
        } catch (Exception e) {
            return down(start, "cannot reach PostgreSQL (" + e.getClass().getSimpleName() + ")");
        }
    }

    public ComponentStatus migrations() {
        long start = System.nanoTime();
        try {
            Migrations.MigrationState state = migrations.state();
            var details = new LinkedHashMap<String, Object>();
            details.put("applied", state.applied());
            details.put("pending", state.pending().size());
            details.put("lastApplied", state.lastApplied());
            if (!state.current()) {
                details.put("error", state.pending().size() + " pending migration(s), first " + state.pending().getFirst());
                return new ComponentStatus(ComponentStatus.DOWN, millisSince(start), details);
            }
            return up(start, details);
        } catch (Exception e) {
            return down(start, "cannot read migration state (" + e.getClass().getSimpleName() + ")");
        }
    }

    public ComponentStatus search() {
        long start = System.nanoTime();
        try {
            SearchIndex.Stats stats = searchIndex.stats();
            if (!stats.open()) {
                return down(start, searchIndex.rebuilding() ? "index being built" : "index closed");
            }
            return up(start, Map.of("documents", stats.documents(), "sizeBytes", stats.sizeBytes(),
                    "rebuilding", searchIndex.rebuilding()));
        } catch (Exception e) {
            return down(start, "index unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    ComponentStatus batch() {
        long start = System.nanoTime();
        try {
            JobRepositoryStatus.Snapshot snapshot = jobRepository.snapshot();
            var details = new LinkedHashMap<String, Object>();
            details.put("runningJobs", snapshot.running());
            details.put("failedLast24Hours", snapshot.failedLast24Hours());
            details.put("lastFailedJob", snapshot.lastFailedJob());
            details.put("lastFailureAt", snapshot.lastFailureAt());
            return up(start, details);
        } catch (Exception e) {
            return down(start, "job repository unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ComponentStatus up(long start, Map<String, Object> details) {
        return new ComponentStatus(ComponentStatus.UP, millisSince(start), details);
    }

    private static ComponentStatus down(long start, String error) {
        return new ComponentStatus(ComponentStatus.DOWN, start == 0 ? 0 : millisSince(start), Map.of("error", error));
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
