package ai.healthflow.batch.engine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;

/**
 * The {@code batch_run_owners} table: which process runs which execution, and whether it is still alive. Spring
 * Batch alone cannot tell a running execution from one whose process was killed (both say STARTED); a heartbeat
 * older than {@link BatchSettings#staleAfter()} can.
 */
final class RunOwnership {
    private final DataSource dataSource;
    private final String owner;

    RunOwnership(DataSource dataSource, String owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    void claim(long executionId) {
        update("""
                INSERT INTO batch_run_owners (job_execution_id, owner) VALUES (?, ?)
                ON CONFLICT (job_execution_id) DO UPDATE SET owner = excluded.owner, heartbeat_at = now()
                """, ps -> {
            ps.setLong(1, executionId);
            ps.setString(2, owner);
        });
    }

    void release(long executionId) {
        update("DELETE FROM batch_run_owners WHERE job_execution_id = ?", ps -> ps.setLong(1, executionId));
    }

    void beat(Collection<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return;
        }
        update("UPDATE batch_run_owners SET heartbeat_at = now() WHERE job_execution_id = ANY(?)", ps ->
                ps.setArray(1, ps.getConnection().createArrayOf("bigint", executionIds.toArray())));
    }

    /**
     * Whether nobody is running this execution any more: its owner's heartbeat is older than {@code staleAfter}, or
     * it has no owner row and was created longer ago than that (a process killed between creating and claiming).
     */
    boolean abandoned(long executionId, Duration staleAfter) {
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("""
                     SELECT coalesce(
                              (SELECT heartbeat_at < now() - make_interval(secs => ?) FROM batch_run_owners
                                WHERE job_execution_id = e.job_execution_id),
                              e.create_time < (now() AT TIME ZONE 'UTC') - make_interval(secs => ?))
                       FROM batch_job_execution e WHERE e.job_execution_id = ?
                     """)) {
            double seconds = staleAfter.toMillis() / 1000.0;
            ps.setDouble(1, seconds);
            ps.setDouble(2, seconds);
            ps.setLong(3, executionId);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the batch run owners", e);
        }
    }

    private interface Binder {
        void bind(java.sql.PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the batch run owners", e);
        }
    }
}
