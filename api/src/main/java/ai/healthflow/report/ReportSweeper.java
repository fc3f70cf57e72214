package ai.healthflow.report;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.ReportExport;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * The reports' housekeeping, on every replica (each step is idempotent): requests still queued after a while, or
 * running without progress (their process died), are launched again; finished requests past their retention lose
 * their file and become {@code expired}; temporary files nobody is writing any more are removed.
 */
public final class ReportSweeper implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReportSweeper.class);
    /** A queued request is launched at once; one still queued after this was not (a failed launch, a restart). */
    static final Duration WAITING = Duration.ofMinutes(1);

    private final Db db;
    private final ReportLauncher launcher;
    private final AuditLog audit;
    private final Clock clock;
    private final Path directory;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "report-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public ReportSweeper(Db db, ReportLauncher launcher, AuditLog audit, Clock clock, Path directory, Duration interval) {
        this.db = db;
        this.launcher = launcher;
        this.audit = audit;
        this.clock = clock;
        this.directory = directory;
        this.interval = interval;
    }

    /** One pass; returns how many requests were relaunched and how many expired. */
    public Map<String, Integer> sweep() {
        Instant now = clock.instant();
        List<UUID> orphaned = db.acrossTenants(handle -> handle.createQuery("""
                        SELECT id FROM report_requests
                         WHERE (status = 'queued' AND updated_at < :waiting) OR (status = 'running' AND updated_at < :stale)
                         ORDER BY created_at LIMIT 100
                        """)
                .bind("waiting", utc(now.minus(WAITING))).bind("stale", utc(now.minus(ReportExport.STALE)))
                .mapTo(UUID.class).list());
        orphaned.forEach(launcher::launch);
        int expired = expire(now);
        removeAbandonedTemporaryFiles(now);
        return Map.of("relaunched", orphaned.size(), "expired", expired);
    }

    private int expire(Instant now) {
        record Due(UUID id, String path) {
        }
        List<Due> due = db.acrossTenants(handle -> handle.createQuery("""
                        SELECT id, file_path FROM report_requests
                         WHERE status IN ('completed', 'failed') AND expires_at <= :now
                         ORDER BY expires_at LIMIT 500
                        """)
                .bind("now", utc(now)).map((rs, ctx) -> new Due(rs.getObject(1, UUID.class), rs.getString(2))).list());
        for (Due request : due) {
            if (request.path() != null) {
                try {
                    Files.deleteIfExists(Path.of(request.path()));
                } catch (IOException e) {
                    LOG.warn("Could not delete the expired report file {}; tried again next time", request.path(), e);
                    continue;
                }
            }
            db.acrossTenants(handle -> handle.createUpdate("""
                            UPDATE report_requests SET status = 'expired', file_path = NULL, updated_at = :now
                             WHERE id = :id AND status IN ('completed', 'failed')
                            """)
                    .bind("id", request.id()).bind("now", utc(now)).execute());
        }
        if (!due.isEmpty()) {
            db.acrossTenants(handle -> audit.record(handle, Actor.system("report-sweeper"),
                    AuditEvent.of("report.expired", "report", null, null)
                            .withChanges(Map.of("ids", due.stream().map(d -> d.id().toString()).toList()))));
        }
        return due.size();
    }

    /** A temporary file untouched for a day belongs to a render that died; a live one is written continuously. */
    private void removeAbandonedTemporaryFiles(Instant now) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not clean {}", directory, e);
        }
    }

    @Override
    public void start() {
        long period = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                Map<String, Integer> done = sweep();
                if (done.values().stream().anyMatch(n -> n > 0)) {
                    LOG.info("Reports sweep: {}", done);
                }
            } catch (RuntimeException e) {
                LOG.warn("Reports sweep failed; tried again at the next run", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }

}
