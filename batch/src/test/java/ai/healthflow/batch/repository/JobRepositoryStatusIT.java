package ai.healthflow.batch.repository;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe against the real Spring Batch schema on a real PostgreSQL. */
class JobRepositoryStatusIT {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             InputStream schema = JobRepositoryStatus.class.getClassLoader().getResourceAsStream(JobRepositoryStatus.SCHEMA)) {
            assertThat(schema).as("schema shipped in spring-batch-core").isNotNull();
            connection.createStatement().execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    JobRepositoryStatus probe() {
        return new JobRepositoryStatus(postgres.getPostgresDatabase(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void countsRunningAndRecentlyFailedExecutionsAndNamesTheLastFailure() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("""
                    DELETE FROM batch_job_execution; DELETE FROM batch_job_instance;
                    INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES
                      (1, 0, 'analytics-daily', 'k1'), (2, 0, 'signal-detection', 'k2'), (3, 0, 'report-export', 'k3');
                    INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status, end_time) VALUES
                      (10, 0, 1, '2026-11-22 11:00', 'STARTED', NULL),
                      (11, 0, 2, '2026-11-22 08:00', 'FAILED', '2026-11-22 09:00'),
                      (12, 0, 3, '2026-11-21 13:00', 'FAILED', '2026-11-21 14:00'),
                      (13, 0, 1, '2026-11-19 08:00', 'FAILED', '2026-11-19 09:00'),
                      (14, 0, 3, '2026-11-22 07:00', 'COMPLETED', '2026-11-22 07:30');
                    """);
        }

        JobRepositoryStatus.Snapshot snapshot = probe().snapshot();

        assertThat(snapshot.running()).isEqualTo(1);
        assertThat(snapshot.failedLast24Hours()).as("the one three days ago is not counted").isEqualTo(2);
        assertThat(snapshot.lastFailedJob()).isEqualTo("signal-detection");
        assertThat(snapshot.lastFailureAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    }

    @Test
    void emptyRepositoryReportsNothing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("DELETE FROM batch_job_execution; DELETE FROM batch_job_instance;");
        }

        assertThat(probe().snapshot()).isEqualTo(new JobRepositoryStatus.Snapshot(0, 0, null, null));
    }

    @Test
    void missingSchemaIsAnErrorNotAnEmptyAnswer() throws Exception {
        try (EmbeddedPostgres bare = EmbeddedPostgres.builder().start()) {
            var probe = new JobRepositoryStatus(bare.getPostgresDatabase(), Clock.systemUTC());
            assertThatThrownBy(probe::snapshot).isInstanceOf(SQLException.class);
        }
    }
}
