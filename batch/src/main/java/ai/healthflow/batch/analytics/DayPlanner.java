package ai.healthflow.batch.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Which days a run of analytics-daily builds, and how they are shared between partitions.
 *
 * <p>The incremental rule (a run without from/to builds the union of):
 * <ol>
 *   <li><b>changed</b>: days marked by the source tables' triggers since they were last built, including the days
 *       holding facts of a tenant whose governorate, or a medicine whose ATC code, changed;</li>
 *   <li><b>not built</b>: days on which any source has data but that have never been built (found by skipping
 *       through the sources' time indexes, one probe per day, so an empty year costs nothing);</li>
 *   <li><b>still open</b>: days last built before they ended plus {@link #GRACE} — today, and yesterday until its
 *       first build after 01:00. Active users come from append-only, stamped-now sources (audit log, refresh
 *       tokens) that carry no change marks; a day is final once built after every transaction that began in it
 *       has had an hour to commit.</li>
 * </ol>
 */
public final class DayPlanner {
    /** How long after a day ends it is still rebuilt by every run (see the class comment). */
    public static final Duration GRACE = Duration.ofHours(1);

    private static final String ALL_TENANTS = "SELECT set_config('app.all_tenants', 'on', true), set_config('app.tenant_id', '', true)";

    // a tenant's governorate or a medicine's ATC code changed: mark the days holding their facts (a tenant with
    // any fact on a day has its tenant row, a medicine its national row)
    private static final String RESOLVE_KEYS = """
            WITH keys AS (DELETE FROM analytics_dirty_keys RETURNING kind, id)
            INSERT INTO analytics_dirty_days (day)
            SELECT t.day FROM analytics_daily_tenant t WHERE t.tenant_id IN (SELECT id FROM keys WHERE kind = 'tenant')
            UNION
            SELECT n.day FROM analytics_daily_national n WHERE n.medicine_id IN (SELECT id FROM keys WHERE kind = 'medicine')
            """;

    /** A loose index scan: the days on which {@code column} of {@code table} has rows, one index probe per day. */
    private static String daysOf(String name, String table, String column) {
        return """
                %1$s(day) AS (
                    SELECT hf_analytics_day(min(%3$s)) FROM %2$s WHERE %3$s IS NOT NULL
                    UNION ALL
                    SELECT (SELECT hf_analytics_day(min(%3$s)) FROM %2$s
                             WHERE %3$s >= hf_analytics_day_start(%1$s.day + 1))
                      FROM %1$s WHERE %1$s.day IS NOT NULL)""".formatted(name, table, column);
    }

    private static final String CANDIDATES = "WITH RECURSIVE "
            + String.join(",\n", daysOf("rx", "prescriptions", "issued_at"),
                    daysOf("disp", "dispensings", "dispensed_at"),
                    daysOf("ae", "adverse_events", "received_at"),
                    daysOf("notices", "recall_acknowledgements", "created_at"),
                    daysOf("acks", "recall_acknowledgements", "acknowledged_at"),
                    daysOf("audit", "audit_log", "occurred_at"),
                    daysOf("sessions", "refresh_tokens", "created_at"))
            + """
            ,
            data(day) AS (
                SELECT day FROM rx UNION SELECT day FROM disp UNION SELECT day FROM ae UNION SELECT day FROM notices
                UNION SELECT day FROM acks UNION SELECT day FROM audit UNION SELECT day FROM sessions
                UNION SELECT DISTINCT hf_analytics_day(at) FROM recall_steps WHERE status = 'active'
            )
            SELECT day FROM data
             WHERE day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM analytics_days b WHERE b.day = data.day)
            UNION
            SELECT day FROM analytics_dirty_days
            UNION
            SELECT day FROM analytics_days WHERE built_at < hf_analytics_day_start(day + 1) + CAST(? AS interval)
            """;

    /**
     * The days the incremental rule selects, newest first. Also turns pending tenant/medicine changes into day
     * marks (in the connection's auto-commit, or the caller's transaction).
     */
    public List<LocalDate> changedOrUnbuilt(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            try (PreparedStatement scope = connection.prepareStatement(ALL_TENANTS)) {
                scope.executeQuery().close();
            }
            try (PreparedStatement resolve = connection.prepareStatement(RESOLVE_KEYS)) {
                resolve.executeUpdate();
            }
            TreeSet<LocalDate> days = new TreeSet<>(Comparator.reverseOrder());
            try (PreparedStatement candidates = connection.prepareStatement(CANDIDATES)) {
                candidates.setString(1, GRACE.toSeconds() + " seconds");
                try (ResultSet rows = candidates.executeQuery()) {
                    while (rows.next()) {
                        days.add(rows.getDate(1).toLocalDate());
                    }
                }
            }
            if (autoCommit) {
                connection.commit();
            }
            return List.copyOf(days);
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Every day from {@code from} to {@code to}, newest first (an explicit range is rebuilt whatever its state). */
    public static List<LocalDate> range(LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = to; !d.isBefore(from); d = d.minusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /**
     * Deals the days (newest first) round-robin into {@code partitions} lists: neighbouring days weigh about the
     * same, so the partitions finish together, and each partition builds the most recent days first.
     */
    public static List<List<LocalDate>> split(List<LocalDate> days, int partitions) {
        List<List<LocalDate>> parts = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            parts.add(new ArrayList<>());
        }
        List<LocalDate> sorted = new ArrayList<>(days);
        sorted.sort(Comparator.reverseOrder());
        for (int i = 0; i < sorted.size(); i++) {
            parts.get(i % partitions).add(sorted.get(i));
        }
        return parts;
    }
}
