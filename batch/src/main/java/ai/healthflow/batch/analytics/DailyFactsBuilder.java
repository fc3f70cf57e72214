package ai.healthflow.batch.analytics;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * Rebuilds one analytics day from the source tables, entirely in SQL inside PostgreSQL, on the caller's
 * connection and in the caller's transaction (the job's chunk transaction, so the day and the job's record of
 * having done it commit together).
 *
 * <p>Order matters for correctness under concurrent writes: the day's change marks are deleted <em>before</em> the
 * sources are read. Each statement of a READ COMMITTED transaction sees the data committed when it starts, so every
 * change whose mark the first statement deleted is visible to the later INSERT … SELECT; a change committed after
 * the delete keeps its mark and the day is built again by the next run. Reading first and deleting the marks
 * afterwards could drop a change that committed in between.
 */
public final class DailyFactsBuilder {
    /** What one rebuild wrote. */
    public record Result(LocalDate day, int factRows, int recallRows) {
    }

    // Serialises rebuilds of the same day by different runs (two ranges overlapping): without it both could
    // delete, then both insert, and the second insert would fail on the primary key.
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('analytics-daily'), ?)";
    // The job runs on the service's pool (role healthflow_app, row-level security): it reads every tenant.
    private static final String ALL_TENANTS = "SELECT set_config('app.all_tenants', 'on', true), set_config('app.tenant_id', '', true)";
    private static final String CLEAR_MARKS = "DELETE FROM analytics_dirty_days WHERE day = ?";
    private static final String CLEAR_FACTS = "DELETE FROM analytics_daily WHERE day = ?";
    private static final String CLEAR_RECALLS = "DELETE FROM analytics_daily_recalls WHERE day = ?";

    /*
     * One pass over the day's source rows:
     *  facts      one row per source line, tagged with its kind (1 prescribing, 2 dispensing, 3 adverse event,
     *             4 recall task, 5 user activity) and the entity it belongs to (prescription, dispensing, case,
     *             recall, user);
     *  per_entity each line fanned out to the five levels (all, ATC 1-3, medicine) and collapsed per entity, so a
     *             prescription with two J01 medicines is one entity in the J01 group;
     *  final      entities counted and lines summed per tenant × level × dim.
     * Two hash aggregations instead of COUNT(DISTINCT …) per measure, which would sort once per measure.
     * AE flags: bit 0 serious, bits 1-6 the E2B seriousness criteria of the current version.
     */
    private static final String INSERT_FACTS = """
            INSERT INTO analytics_daily (day, tenant_id, level, dim, governorate, medicine_id, atc1, atc2, atc3,
                    prescriptions, prescriptions_dispensed, items_prescribed, quantity_prescribed, items_dispensed,
                    quantity_dispensed, dispensings, dispensed_items, dispensed_quantity, substitutions,
                    adverse_events, adverse_events_serious, ae_death, ae_life_threatening, ae_hospitalisation,
                    ae_disability, ae_congenital_anomaly, ae_other_medically_important,
                    recall_notices, recall_acknowledgements, active_users)
            WITH span AS (
                SELECT CAST(? AS date) AS day, hf_analytics_day_start(CAST(? AS date)) AS s,
                       hf_analytics_day_start(CAST(? AS date) + 1) AS e
            ),
            facts (tenant_id, medicine_id, kind, entity, n1, q1, n2, q2, flags) AS (
                -- prescribing: the items of the prescriptions issued that day, in the prescriber's tenant
                SELECT p.tenant_id, i.medicine_id, 1, p.id, (i.id IS NOT NULL)::int, coalesce(i.quantity, 0),
                       coalesce((i.quantity_dispensed > 0)::int, 0), coalesce(i.quantity_dispensed, 0), 0
                  FROM span
                  JOIN prescriptions p ON p.issued_at >= span.s AND p.issued_at < span.e
                  LEFT JOIN prescription_items i ON i.prescription_id = p.id
                UNION ALL
                -- dispensing: the items handed over that day, in the pharmacy's tenant
                SELECT d.tenant_id, di.medicine_id, 2, d.id, (di.item_id IS NOT NULL)::int, coalesce(di.quantity, 0),
                       coalesce(di.substituted::int, 0), 0, 0
                  FROM span
                  JOIN dispensings d ON d.dispensed_at >= span.s AND d.dispensed_at < span.e
                  LEFT JOIN dispensing_items di ON di.dispensing_id = d.id
                UNION ALL
                -- adverse events first received that day: current version, its suspect medicines
                SELECT e.tenant_id, dr.medicine_id, 3, e.id, 0, 0, 0, 0,
                       e.serious::int
                       | (('death' = ANY (v.seriousness_criteria))::int << 1)
                       | (('life_threatening' = ANY (v.seriousness_criteria))::int << 2)
                       | (('hospitalisation' = ANY (v.seriousness_criteria))::int << 3)
                       | (('disability' = ANY (v.seriousness_criteria))::int << 4)
                       | (('congenital_anomaly' = ANY (v.seriousness_criteria))::int << 5)
                       | (('other_medically_important' = ANY (v.seriousness_criteria))::int << 6)
                  FROM span
                  JOIN adverse_events e ON e.received_at >= span.s AND e.received_at < span.e
                  JOIN adverse_event_versions v ON v.event_id = e.id AND v.version = e.current_version
                  LEFT JOIN adverse_event_drugs dr
                         ON dr.event_id = e.id AND dr.version = e.current_version AND dr.role = 'suspect'
                UNION ALL
                -- recall tasks the tenant received (n1) or acknowledged (n2) that day
                SELECT a.tenant_id, r.medicine_id, 4, a.recall_id,
                       (a.created_at >= span.s AND a.created_at < span.e)::int, 0,
                       coalesce((a.acknowledged_at >= span.s AND a.acknowledged_at < span.e)::int, 0), 0, 0
                  FROM span
                  JOIN recall_acknowledgements a
                    ON (a.created_at >= span.s AND a.created_at < span.e)
                    OR (a.acknowledged_at >= span.s AND a.acknowledged_at < span.e)
                  JOIN recalls r ON r.id = a.recall_id
                UNION ALL
                -- active users: anything audited in the tenant (sign-in, every change, patient-data reads)
                SELECT l.tenant_id, NULL::uuid, 5, l.actor_id, 0, 0, 0, 0, 0
                  FROM span
                  JOIN audit_log l ON l.occurred_at >= span.s AND l.occurred_at < span.e
                 WHERE l.tenant_id IS NOT NULL AND l.actor_id IS NOT NULL
                UNION ALL
                -- ... or a session kept alive (each access-token refresh issues a refresh token)
                SELECT t.tenant_id, NULL::uuid, 5, t.user_id, 0, 0, 0, 0, 0
                  FROM span
                  JOIN refresh_tokens t ON t.created_at >= span.s AND t.created_at < span.e
            ),
            per_entity AS (
                SELECT f.tenant_id, k.level, k.dim, f.kind, f.entity,
                       max(k.atc1) AS atc1, max(k.atc2) AS atc2, max(k.atc3) AS atc3,
                       sum(f.n1) AS n1, sum(f.q1) AS q1, sum(f.n2) AS n2, sum(f.q2) AS q2, bit_or(f.flags) AS flags
                  FROM facts f
                  LEFT JOIN analytics_medicine_atc m ON m.id = f.medicine_id
                  -- ATC columns of a level-2/3 group come from its own code: '' (unclassified) mixes medicines
                  -- whose shorter codes differ
                  CROSS JOIN LATERAL (VALUES
                      (0::smallint, '', NULL::text, NULL::text, NULL::text),
                      (1::smallint, m.atc1, m.atc1, NULL, NULL),
                      (2::smallint, m.atc2, CASE WHEN m.atc2 = '' THEN '' ELSE m.atc1 END, m.atc2, NULL),
                      (3::smallint, m.atc3, CASE WHEN m.atc3 = '' THEN '' ELSE m.atc1 END,
                                            CASE WHEN m.atc3 = '' THEN '' ELSE m.atc2 END, m.atc3),
                      (4::smallint, f.medicine_id::text, m.atc1, m.atc2, m.atc3)) AS k (level, dim, atc1, atc2, atc3)
                 WHERE k.dim IS NOT NULL
                 GROUP BY f.tenant_id, k.level, k.dim, f.kind, f.entity
            )
            SELECT (SELECT day FROM span), g.tenant_id, g.level, g.dim, coalesce(max(t.governorate), 'unknown'),
                   CASE WHEN g.level = 4 THEN CAST(g.dim AS uuid) END, max(g.atc1), max(g.atc2), max(g.atc3),
                   count(*) FILTER (WHERE g.kind = 1),
                   count(*) FILTER (WHERE g.kind = 1 AND g.n2 > 0),
                   coalesce(sum(g.n1) FILTER (WHERE g.kind = 1), 0),
                   coalesce(sum(g.q1) FILTER (WHERE g.kind = 1), 0),
                   coalesce(sum(g.n2) FILTER (WHERE g.kind = 1), 0),
                   coalesce(sum(g.q2) FILTER (WHERE g.kind = 1), 0),
                   count(*) FILTER (WHERE g.kind = 2),
                   coalesce(sum(g.n1) FILTER (WHERE g.kind = 2), 0),
                   coalesce(sum(g.q1) FILTER (WHERE g.kind = 2), 0),
                   coalesce(sum(g.n2) FILTER (WHERE g.kind = 2), 0),
                   count(*) FILTER (WHERE g.kind = 3),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 1 <> 0),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 2 <> 0),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 4 <> 0),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 8 <> 0),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 16 <> 0),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 32 <> 0),
                   count(*) FILTER (WHERE g.kind = 3 AND g.flags & 64 <> 0),
                   coalesce(sum(g.n1) FILTER (WHERE g.kind = 4), 0),
                   coalesce(sum(g.n2) FILTER (WHERE g.kind = 4), 0),
                   count(*) FILTER (WHERE g.kind = 5)
              FROM per_entity g
              LEFT JOIN tenants t ON t.id = g.tenant_id
             GROUP BY g.tenant_id, g.level, g.dim
            """;

    private static final String INSERT_RECALLS = """
            INSERT INTO analytics_daily_recalls (day, medicine_id, atc1, atc2, atc3, recalls_opened, class_i,
                                                 class_ii, class_iii)
            SELECT CAST(? AS date), r.medicine_id, m.atc1, m.atc2, m.atc3, count(DISTINCT r.id),
                   count(DISTINCT r.id) FILTER (WHERE r.recall_class = 'I'),
                   count(DISTINCT r.id) FILTER (WHERE r.recall_class = 'II'),
                   count(DISTINCT r.id) FILTER (WHERE r.recall_class = 'III')
              FROM recall_steps s
              JOIN recalls r ON r.id = s.recall_id
              JOIN analytics_medicine_atc m ON m.id = r.medicine_id
             WHERE s.status = 'active'
               AND s.at >= hf_analytics_day_start(CAST(? AS date)) AND s.at < hf_analytics_day_start(CAST(? AS date) + 1)
             GROUP BY r.medicine_id, m.atc1, m.atc2, m.atc3
            """;

    // built_at is the transaction's start: no later than the moment the sources were read, which is what the
    // rule for days still open (DayPlanner) needs
    private static final String RECORD_DAY = """
            INSERT INTO analytics_days (day, built_at, build_seq, fact_rows, job_execution_id)
            VALUES (?, now(), nextval('analytics_build_seq'), ?, ?)
            ON CONFLICT (day) DO UPDATE SET built_at = EXCLUDED.built_at, build_seq = EXCLUDED.build_seq,
                                            fact_rows = EXCLUDED.fact_rows, job_execution_id = EXCLUDED.job_execution_id
            """;

    /**
     * Replaces {@code day}'s facts. Runs in the connection's current transaction; the caller commits.
     *
     * @param jobExecutionId recorded with the day, or null outside a job
     */
    public Result rebuild(Connection connection, LocalDate day, Long jobExecutionId) throws SQLException {
        Date date = Date.valueOf(day);
        try (PreparedStatement scope = connection.prepareStatement(ALL_TENANTS)) {
            scope.executeQuery().close();
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setInt(1, (int) day.toEpochDay());
            lock.executeQuery().close();
        }
        update(connection, CLEAR_MARKS, date);
        update(connection, CLEAR_FACTS, date);
        update(connection, CLEAR_RECALLS, date);
        int facts = update(connection, INSERT_FACTS, date, date, date);
        int recalls = update(connection, INSERT_RECALLS, date, date, date);
        try (PreparedStatement record = connection.prepareStatement(RECORD_DAY)) {
            record.setDate(1, date);
            record.setInt(2, facts);
            if (jobExecutionId == null) {
                record.setNull(3, Types.BIGINT);
            } else {
                record.setLong(3, jobExecutionId);
            }
            record.executeUpdate();
        }
        return new Result(day, facts, recalls);
    }

    private static int update(Connection connection, String sql, Date... dates) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < dates.length; i++) {
                statement.setDate(i + 1, dates[i]);
            }
            return statement.executeUpdate();
        }
    }
}
