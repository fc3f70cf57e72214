package ai.healthflow.batch.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires scheduled jobs inside the service. Every replica runs a scheduler; each firing (job, fire time) is claimed
 * by inserting it into {@code batch_schedule_fires}, and only the replica whose insert wins launches the job, so a
 * nightly job runs once however many replicas there are. Firings missed while no replica was up are not caught
 * up: the next one runs as usual (the jobs themselves are incremental, so a missed night is built the next night).
 */
public final class BatchScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);

    private final BatchEngine engine;
    private final DataSource dataSource;
    private final Clock clock;
    private final String owner;
    private final List<Schedule> schedules;
    private final Map<Schedule, Instant> nextFire = new HashMap<>();
    private final ScheduledExecutorService ticker;

    public BatchScheduler(BatchEngine engine, DataSource dataSource, Clock clock, String owner, List<Schedule> schedules) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.clock = clock;
        this.owner = owner;
        this.schedules = List.copyOf(schedules);
        var known = engine.definitions().stream().map(JobDefinition::name).toList();
        for (Schedule schedule : schedules) {
            if (!known.contains(schedule.job())) {
                throw new IllegalArgumentException("batch schedule names job '" + schedule.job()
                        + "', which does not exist; jobs: " + known);
            }
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batch-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    public List<Schedule> schedules() {
        return schedules;
    }

    /** Starts checking for due firings every {@code tick}. */
    public void start(Duration tick) {
        Instant now = clock.instant();
        schedules.forEach(s -> nextFire.put(s, s.nextAfter(now)));
        schedules.forEach(s -> LOG.info("Batch job {} scheduled '{}' ({}), next at {}", s.job(), s.cron(), s.zone(),
                nextFire.get(s)));
        ticker.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Instant now = clock.instant();
        for (Schedule schedule : schedules) {
            Instant due = nextFire.get(schedule);
            if (!due.isAfter(now)) {
                try {
                    fire(schedule, due);
                } catch (RuntimeException e) {
                    LOG.error("Scheduled run of {} at {} could not be launched: {}", schedule.job(), due, e.getMessage());
                }
                nextFire.put(schedule, schedule.nextAfter(now));
            }
        }
    }

    /**
     * Claims the firing and, when this replica won it, launches the job.
     *
     * @return the launched run's id, or -1 when another replica had already claimed this firing
     */
    public long fire(Schedule schedule, Instant fireTime) {
        if (!claim(schedule.job(), fireTime)) {
            LOG.debug("Firing of {} at {} was claimed by another replica", schedule.job(), fireTime);
            return -1;
        }
        JobRun run = engine.launch(schedule.job(), schedule.parameters());
        record(schedule.job(), fireTime, run.id());
        LOG.info("Scheduled run {} of {} (firing {}) launched", run.id(), schedule.job(), fireTime);
        return run.id();
    }

    private boolean claim(String job, Instant fireTime) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("""
                INSERT INTO batch_schedule_fires (job_name, fire_time, owner) VALUES (?, ?, ?)
                ON CONFLICT (job_name, fire_time) DO NOTHING
                """)) {
            ps.setString(1, job);
            ps.setTimestamp(2, Timestamp.from(fireTime));
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim the scheduled firing: " + e.getMessage(), e);
        }
    }

    private void record(String job, Instant fireTime, long executionId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE batch_schedule_fires SET job_execution_id = ? WHERE job_name = ? AND fire_time = ?")) {
            ps.setLong(1, executionId);
            ps.setString(2, job);
            ps.setTimestamp(3, Timestamp.from(fireTime));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not record the run of the scheduled firing: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
