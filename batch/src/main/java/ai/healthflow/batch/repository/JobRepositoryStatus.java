package ai.healthflow.batch.repository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the Spring Batch job repository tables (in the service's PostgreSQL) for the health endpoints: how many job
 * executions are running and when the last one failed. Plain JDBC, so asking costs no Spring context.
 */
public final class JobRepositoryStatus {
    /** The Spring Batch schema shipped in spring-batch-core, applied by the service's migrations. */
    public static final String SCHEMA = "org/springframework/batch/core/schema-postgresql.sql";

    private final DataSource dataSource;
    private final Clock clock;

    public JobRepositoryStatus(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * @param running            executions STARTING, STARTED or STOPPING
     * @param failedLast24Hours  executions that ended FAILED in the last 24 hours
     * @param lastFailedJob      name of the most recent failed job, or null
     * @param lastFailureAt      when it ended, or null
     */
    public record Snapshot(int running, int failedLast24Hours, String lastFailedJob, Instant lastFailureAt) {
    }

    /** @throws SQLException when the database cannot be reached or the job repository schema is missing */
    public Snapshot snapshot() throws SQLException {
        Instant since = clock.instant().minus(Duration.ofHours(24));
        try (Connection connection = dataSource.getConnection();
             var counts = connection.prepareStatement("""
                     SELECT count(*) FILTER (WHERE status IN ('STARTING', 'STARTED', 'STOPPING')),
                            count(*) FILTER (WHERE status = 'FAILED' AND end_time >= ?)
                       FROM batch_job_execution
                     """);
             var lastFailure = connection.prepareStatement("""
                     SELECT i.job_name, e.end_time
                       FROM batch_job_execution e
                       JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                      WHERE e.status = 'FAILED'
                      ORDER BY e.end_time DESC NULLS LAST
                      LIMIT 1
                     """)) {
            // batch_job_execution times are "timestamp without time zone" written in UTC by the service
            counts.setTimestamp(1, Timestamp.valueOf(since.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime()));
            int running;
            int failed;
            try (var rows = counts.executeQuery()) {
                rows.next();
                running = rows.getInt(1);
                failed = rows.getInt(2);
            }
            try (var rows = lastFailure.executeQuery()) {
                if (rows.next()) {
                    Timestamp end = rows.getTimestamp(2);
                    return new Snapshot(running, failed, rows.getString(1),
                            end == null ? null : end.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
                }
            }
            return new Snapshot(running, failed, null, null);
        }
    }
}
