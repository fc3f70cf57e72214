package ai.healthflow.batch.signal;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The work of the signal-detection job in plain JDBC, one method per step, each idempotent: a step that is run
 * again (after a crash, a kill or a failure) replaces exactly what it wrote before, so a restarted run ends with
 * the figures of an uninterrupted one.
 *
 * <p>Which reports count: every case received up to the run's {@code as_of}, in its latest version received up to
 * then (a follow-up replaces the earlier version; the case's workflow status does not matter: there is no
 * rejected or nullified state, and a closed case is still a valid report). Possible duplicates are counted: they
 * are only flagged, never confirmed. A medicine counts through its active ingredients when it is a suspect
 * (concomitant medicines do not count); reaction terms are compared case-insensitively ({@code lower(term)}); a
 * report counts once per ingredient, reaction and pair however often it names them. N is the number of counted
 * reports.
 *
 * <p>How: the counting is SQL inside PostgreSQL in two partitioned stages. {@link #countReports} takes the reports
 * whose id falls in its partition and writes additive partial counts (pairs, ingredient and reaction totals,
 * spellings, N) to the stage tables; {@link #scorePairs} adds them up for the ingredients of its partition, joins
 * the totals, computes the figures with {@link SignalStatistics} and COPYs the result rows. Partitions of one
 * stage are independent, so the job runs them on parallel threads (one per core).
 *
 * <p>Transactions: each method is one transaction. Inside a Spring-managed transaction on the same data source
 * (a Spring Batch tasklet step) it joins that transaction, so the step's own bookkeeping commits with the data.
 */
public final class SignalDetection {
    /** At most this many new signals are handed to the {@link NewSignalsListener}. */
    public static final int NOTIFY_TOP = 20;
    /** Completed runs whose full results are kept; older runs keep only their signal rows. */
    public static final int DEFAULT_KEEP_RUNS = 7;
    /** Memory for the sorts and hashes of one partition's statement (per partition, so times the threads). */
    static final String WORK_MEM = "512MB";

    private final DataSource dataSource;
    private final Clock clock;

    public SignalDetection(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A run as stored.
     *
     * @param previousRunId the completed run that "new" compares with; null for the first run
     */
    public record SignalRun(long id, Long jobInstanceId, Instant asOf, int partitions, Long previousRunId,
                            boolean completed) {
    }

    /** What one partition of one stage did. */
    public record PartResult(int part, long reports, long rows, long signals) {
    }

    // ---- step 1: open

    /**
     * Opens the run of a job instance, or returns the one an earlier execution of the same instance opened (a
     * restart keeps its snapshot, partitioning and comparison run).
     *
     * @param jobInstanceId the Spring Batch job instance; null always opens a new run
     * @param asOf          the snapshot; null for one minute before now (submissions still in flight at the start
     *                      have committed by then, so a restart sees exactly the same reports)
     * @param partitions    how many partitions each stage is split into, 1 to 64
     */
    public SignalRun open(Long jobInstanceId, Instant asOf, int partitions) {
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("partitions must be between 1 and 64: " + partitions);
        }
        Instant now = clock.instant();
        Instant snapshot = asOf != null ? asOf : now.minusSeconds(60);
        return transaction(connection -> {
            if (jobInstanceId != null) {
                Optional<SignalRun> existing = findByInstance(connection, jobInstanceId);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO signal_runs (job_instance_id, as_of, previous_run_id, partitions, started_at)
                    SELECT ?, ?, (SELECT p.id FROM signal_runs p
                                   WHERE p.status = 'completed' AND p.as_of <= ?
                                   ORDER BY p.as_of DESC, p.id DESC LIMIT 1), ?, ?
                    ON CONFLICT (job_instance_id) DO NOTHING
                    """)) {
                insert.setObject(1, jobInstanceId);
                insert.setTimestamp(2, Timestamp.from(snapshot));
                insert.setTimestamp(3, Timestamp.from(snapshot));
                insert.setInt(4, partitions);
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
            }
            if (jobInstanceId != null) {
                return findByInstance(connection, jobInstanceId).orElseThrow();
            }
            try (PreparedStatement last = connection.prepareStatement(
                    "SELECT " + RUN_COLUMNS + " FROM signal_runs WHERE id = currval('signal_runs_id_seq')");
                 ResultSet rs = last.executeQuery()) {
                rs.next();
                return run(rs);
            }
        });
    }

    public Optional<SignalRun> run(long runId) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + RUN_COLUMNS + " FROM signal_runs WHERE id = ?")) {
                select.setLong(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(run(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<SignalRun> runOfInstance(long jobInstanceId) {
        return transaction(connection -> findByInstance(connection, jobInstanceId));
    }

    // ---- step 2: count the reports of one partition

    /**
     * Stage 1 for the reports of partition {@code part}: partial pair counts, ingredient and reaction totals,
     * spellings and N, replacing what an earlier attempt of this partition wrote.
     */
    public PartResult countReports(SignalRun run, int part) {
        checkPart(run, part);
        return transaction(connection -> {
            prepare(connection);
            for (String table : new String[]{"signal_stage_pairs", "signal_stage_ingredients", "signal_stage_reactions",
                    "signal_stage_spellings", "signal_run_parts"}) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE run_id = ? AND part = ?")) {
                    delete.setLong(1, run.id());
                    delete.setInt(2, part);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement count = connection.prepareStatement(COUNT_REPORTS)) {
                Timestamp asOf = Timestamp.from(run.asOf());
                int i = 1;
                count.setTimestamp(i++, asOf);          // special: latest_info_at <= as_of
                count.setTimestamp(i++, asOf);          // special: versions received <= as_of
                count.setTimestamp(i++, asOf);          // special: latest_info_at > as_of
                for (int k = 0; k < 4; k++) {           // special, suspects, mentions, N
                    count.setInt(i++, run.partitions());
                    count.setInt(i++, part);
                }
                count.setTimestamp(i++, asOf);          // N: received_at <= as_of
                for (int k = 0; k < 5; k++) {           // the five inserts
                    count.setLong(i++, run.id());
                    count.setInt(i++, part);
                }
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return new PartResult(part, rs.getLong("reports"), rs.getLong("pairs"), 0);
                }
            }
        });
    }

    // ---- step 3: score the pairs of one partition of the ingredients

    /**
     * Refreshes the planner's statistics of the stage tables, which stage 1 has just filled (autovacuum would see
     * them only later; with empty-table estimates stage 2 probes an index once per pair). Needs the tables' owner
     * (the batch pool's user); otherwise PostgreSQL skips it with a warning.
     */
    public void analyzeStage() {
        transaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("ANALYZE signal_stage_pairs, signal_stage_ingredients, signal_stage_reactions, "
                        + "signal_stage_spellings");
            }
            return null;
        });
    }

    /**
     * Stage 2 for the ingredients of partition {@code part}: adds up the partial counts, computes every pair's
     * figures and writes its result rows (replacing those an earlier attempt of this partition wrote).
     *
     * @throws IllegalStateException when stage 1 is incomplete (a report partition has no row)
     */
    public PartResult scorePairs(SignalRun run, int part) {
        checkPart(run, part);
        long n = transaction(connection -> {
            try (PreparedStatement total = connection.prepareStatement(
                    "SELECT count(*), coalesce(sum(reports), 0) FROM signal_run_parts WHERE run_id = ?")) {
                total.setLong(1, run.id());
                try (ResultSet rs = total.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != run.partitions()) {
                        throw new IllegalStateException("signal run " + run.id() + ": " + rs.getInt(1) + " of "
                                + run.partitions() + " report partitions are counted");
                    }
                    return rs.getLong(2);
                }
            }
        });
        return transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM signal_results WHERE run_id = ? AND part = ?")) {
                delete.setLong(1, run.id());
                delete.setInt(2, part);
                delete.executeUpdate();
            }
            // The stage rows were committed by stage 1, so they are read on a connection of their own: PostgreSQL
            // cannot stream a query's rows and take a COPY on one connection at the same time.
            long[] counts = new long[2]; // rows, signals
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_RESULTS);
            try {
                copyResults(run, part, n, copy, counts);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy(); // so the transaction can roll back
                }
            }
            return new PartResult(part, n, counts[0], counts[1]);
        });
    }

    /** Streams the partition's pairs from the stage tables, scores them and writes them to the COPY. */
    private void copyResults(SignalRun run, int part, long n, CopyIn copy, long[] counts) throws SQLException {
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false); // a cursor: rows stream instead of arriving all at once
            try {
                streamScored(reader, run, part, n, copy, counts);
                reader.commit();
            } finally {
                // back to the pool in auto-commit: JDBI takes a connection that is not in auto-commit for one
                // inside someone else's transaction and never commits its own work on it
                reader.rollback();
                reader.setAutoCommit(true);
            }
        }
    }

    private static void streamScored(Connection reader, SignalRun run, int part, long n, CopyIn copy, long[] counts)
            throws SQLException {
        try (PreparedStatement settings = reader.prepareStatement(
                "SELECT set_config('work_mem', ?, true), set_config('max_parallel_workers_per_gather', '0', true)")) {
            settings.setString(1, WORK_MEM);
            settings.execute();
        }
        try (PreparedStatement select = reader.prepareStatement(SCORE_PAIRS)) {
            select.setFetchSize(10_000);
            int i = 1;
            for (int k = 0; k < 2; k++) { // pairs, ingredients
                select.setLong(i++, run.id());
                select.setInt(i++, run.partitions());
                select.setInt(i++, part);
            }
            select.setLong(i++, run.id()); // reactions
            select.setLong(i++, run.id()); // spellings
            select.setObject(i, run.previousRunId(), java.sql.Types.BIGINT);
            StringBuilder buffer = new StringBuilder(1 << 20);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long a = rs.getLong("a");
                    long b = rs.getLong("ingredient_reports") - a;
                    long c = rs.getLong("reaction_reports") - a;
                    long d = n - a - b - c;
                    SignalStatistics.Figures f = SignalStatistics.compute(a, b, c, d);
                    boolean isNew = f.signal() && !rs.getBoolean("was_signal");
                    appendRow(buffer, run.id(), part, rs.getString("ingredient_id"), rs.getString("reaction_key"),
                            rs.getString("reaction"), f, isNew);
                    counts[0]++;
                    if (f.signal()) {
                        counts[1]++;
                    }
                    if (buffer.length() > (1 << 20) - 1024) {
                        write(copy, buffer);
                    }
                }
            }
            write(copy, buffer);
        }
    }

    // ---- step 4: complete

    /**
     * Marks the run completed with its totals (once: a completed run keeps its completion time), empties its stage
     * rows, and keeps only the signal rows of completed runs older than the {@code keepRuns} most recent.
     */
    public SignalRunSummary complete(SignalRun run, int keepRuns) {
        if (keepRuns < 1) {
            throw new IllegalArgumentException("keepRuns must be at least 1");
        }
        return transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE signal_runs r
                       SET status = 'completed', completed_at = ?,
                           reports = (SELECT coalesce(sum(p.reports), 0) FROM signal_run_parts p WHERE p.run_id = r.id),
                           pairs = t.pairs, signals = t.signals, new_signals = t.new_signals
                      FROM (SELECT count(*) AS pairs, count(*) FILTER (WHERE signal) AS signals,
                                   count(*) FILTER (WHERE is_new) AS new_signals
                              FROM signal_results WHERE run_id = ?) t
                     WHERE r.id = ? AND r.status = 'running'
                    """)) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setLong(2, run.id());
                update.setLong(3, run.id());
                update.executeUpdate();
            }
            for (String table : new String[]{"signal_stage_pairs", "signal_stage_ingredients", "signal_stage_reactions",
                    "signal_stage_spellings"}) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    delete.setLong(1, run.id());
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement prune = connection.prepareStatement("""
                    DELETE FROM signal_results
                     WHERE NOT signal
                       AND run_id IN (SELECT id FROM signal_runs WHERE status = 'completed'
                                       ORDER BY as_of DESC, id DESC OFFSET ?)
                    """)) {
                prune.setInt(1, keepRuns);
                prune.executeUpdate();
            }
            return summary(connection, run.id()).orElseThrow();
        });
    }

    public Optional<SignalRunSummary> summary(long runId) {
        return transaction(connection -> summary(connection, runId));
    }

    // ---- step 5: notify

    /** The run's new signals, most reports first (then highest PRR), at most {@code limit}. */
    public List<NewSignal> newSignals(long runId, int limit) {
        return transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT r.ingredient_id, coalesce(i.name_en, r.ingredient_id::text) AS ingredient, r.reaction, r.a,
                           r.prr, r.ror_lower95, r.ic025, r.signal_evans, r.signal_ror_ic
                      FROM signal_results r LEFT JOIN ingredients i ON i.id = r.ingredient_id
                     WHERE r.run_id = ? AND r.is_new
                     ORDER BY r.a DESC, r.prr DESC, ingredient, r.reaction_key
                     LIMIT ?
                    """)) {
                select.setLong(1, runId);
                select.setInt(2, limit);
                List<NewSignal> signals = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        signals.add(new NewSignal(rs.getObject("ingredient_id", UUID.class), rs.getString("ingredient"),
                                rs.getString("reaction"), rs.getLong("a"), rs.getDouble("prr"),
                                rs.getDouble("ror_lower95"), rs.getDouble("ic025"), rs.getBoolean("signal_evans"),
                                rs.getBoolean("signal_ror_ic")));
                    }
                }
                return signals;
            }
        });
    }

    // ---- SQL

    /** The partition of a uuid: its last byte (random in version 4 and 7 UUIDs) modulo the partition count. */
    private static String partitionOf(String column) {
        return "get_byte(uuid_send(" + column + "), 15) % ? = ?";
    }

    /**
     * Stage 1. "special" are the partition's reports whose counted version is not simply their only one: with
     * follow-ups, or received or followed up after as_of (for those the latest version received by then, or none).
     * Every other report has exactly one version, and all its rows count; so the large tables are filtered by a
     * small hash of the special reports instead of being joined with every report.
     */
    private static final String COUNT_REPORTS = """
            WITH special AS MATERIALIZED (
                SELECT e.id,
                       CASE WHEN e.latest_info_at <= ? THEN e.current_version
                            ELSE (SELECT max(v.version) FROM adverse_event_versions v
                                   WHERE v.event_id = e.id AND v.received_at <= ?) END AS version
                  FROM adverse_events e
                 WHERE (e.current_version > 1 OR e.latest_info_at > ?) AND %s
            ), suspects AS MATERIALIZED (
                SELECT DISTINCT event_id, ingredient_id
                  FROM (SELECT d.event_id, unnest(d.ingredient_ids) AS ingredient_id -- in the select list: cheaper
                          FROM adverse_event_drugs d
                          LEFT JOIN special s ON s.id = d.event_id
                         WHERE d.role = 'suspect' AND %s AND (s.id IS NULL OR s.version = d.version)) suspect
            ), mentions AS MATERIALIZED (
                SELECT r.event_id, lower(r.term) AS reaction_key, r.term
                  FROM adverse_event_reactions r
                  LEFT JOIN special s ON s.id = r.event_id
                 WHERE %s AND (s.id IS NULL OR s.version = r.version)
            ), reactions AS MATERIALIZED (
                SELECT DISTINCT event_id, reaction_key FROM mentions
            ), counted AS (
                SELECT count(*) AS reports FROM adverse_events e WHERE %s AND e.received_at <= ?
            ), parts AS (
                INSERT INTO signal_run_parts (run_id, part, reports) SELECT ?, ?, reports FROM counted
                RETURNING reports
            ), pairs AS (
                INSERT INTO signal_stage_pairs (run_id, part, ingredient_id, reaction_key, a)
                SELECT ?, ?, s.ingredient_id, x.reaction_key, count(*)
                  FROM suspects s JOIN reactions x ON x.event_id = s.event_id
                 GROUP BY s.ingredient_id, x.reaction_key
                RETURNING 1
            ), ingredients AS (
                INSERT INTO signal_stage_ingredients (run_id, part, ingredient_id, reports)
                SELECT ?, ?, ingredient_id, count(*) FROM suspects GROUP BY ingredient_id
                RETURNING 1
            ), reaction_totals AS (
                INSERT INTO signal_stage_reactions (run_id, part, reaction_key, reports)
                SELECT ?, ?, reaction_key, count(*) FROM reactions GROUP BY reaction_key
                RETURNING 1
            ), spellings AS (
                INSERT INTO signal_stage_spellings (run_id, part, reaction_key, term, mentions)
                SELECT ?, ?, reaction_key, term, count(*) FROM mentions GROUP BY reaction_key, term
                RETURNING 1
            )
            SELECT (SELECT reports FROM parts) AS reports, (SELECT count(*) FROM pairs) AS pairs,
                   (SELECT count(*) FROM ingredients) AS ingredients, (SELECT count(*) FROM reaction_totals) AS reactions,
                   (SELECT count(*) FROM spellings) AS spellings
            """.formatted(partitionOf("e.id"), partitionOf("d.event_id"), partitionOf("r.event_id"), partitionOf("e.id"));

    /**
     * Stage 2: the partition's pairs with a, the ingredient's and the reaction's report totals, the spelling shown
     * (the most frequent; ties: the first in sort order) and whether the pair was a signal in the previous run.
     * Ordered like the results' primary key, so its index grows at the end.
     */
    private static final String SCORE_PAIRS = """
            WITH pairs AS (
                SELECT ingredient_id, reaction_key, sum(a) AS a
                  FROM signal_stage_pairs WHERE run_id = ? AND %s
                 GROUP BY ingredient_id, reaction_key
            ), ingredients AS (
                SELECT ingredient_id, sum(reports) AS reports
                  FROM signal_stage_ingredients WHERE run_id = ? AND %s
                 GROUP BY ingredient_id
            ), reactions AS (
                SELECT reaction_key, sum(reports) AS reports
                  FROM signal_stage_reactions WHERE run_id = ? GROUP BY reaction_key
            ), spellings AS (
                SELECT DISTINCT ON (reaction_key) reaction_key, term
                  FROM (SELECT reaction_key, term, sum(mentions) AS mentions
                          FROM signal_stage_spellings WHERE run_id = ? GROUP BY reaction_key, term) m
                 ORDER BY reaction_key, mentions DESC, term
            ), previous AS MATERIALIZED ( -- a hash of the previous run's few signals, not an index probe per pair
                SELECT ingredient_id, reaction_key FROM signal_results WHERE run_id = ? AND signal
            )
            SELECT p.ingredient_id, p.reaction_key, sp.term AS reaction, p.a, i.reports AS ingredient_reports,
                   x.reports AS reaction_reports, (pr.ingredient_id IS NOT NULL) AS was_signal
              FROM pairs p
              JOIN ingredients i ON i.ingredient_id = p.ingredient_id
              JOIN reactions x ON x.reaction_key = p.reaction_key
              JOIN spellings sp ON sp.reaction_key = p.reaction_key
              LEFT JOIN previous pr ON pr.ingredient_id = p.ingredient_id AND pr.reaction_key = p.reaction_key
             ORDER BY p.ingredient_id, p.reaction_key
            """.formatted(partitionOf("ingredient_id"), partitionOf("ingredient_id"));

    private static final String COPY_RESULTS = """
            COPY signal_results (run_id, part, ingredient_id, reaction_key, reaction, a, b, c, d, prr, prr_lower95,
                                 prr_upper95, ror, ror_lower95, ror_upper95, chi_square, ic, ic025, signal_evans,
                                 signal_ror_ic, signal, is_new) FROM STDIN
            """;

    private static final String RUN_COLUMNS = "id, job_instance_id, as_of, partitions, previous_run_id, status";

    // ---- helpers

    private static void appendRow(StringBuilder out, long runId, int part, String ingredientId, String reactionKey,
                                  String reaction, SignalStatistics.Figures f, boolean isNew) {
        out.append(runId).append('\t').append(part).append('\t').append(ingredientId).append('\t');
        escape(out, reactionKey);
        out.append('\t');
        escape(out, reaction);
        out.append('\t').append(f.a()).append('\t').append(f.b()).append('\t').append(f.c()).append('\t').append(f.d());
        for (double value : new double[]{f.prr(), f.prrLower95(), f.prrUpper95(), f.ror(), f.rorLower95(),
                f.rorUpper95(), f.chiSquare(), f.ic(), f.ic025()}) {
            out.append('\t');
            if (Double.isFinite(value)) {
                out.append(value);
            } else {
                out.append("\\N"); // undefined figures are stored as null
            }
        }
        out.append('\t').append(f.signalEvans() ? 't' : 'f').append('\t').append(f.signalRorIc() ? 't' : 'f')
                .append('\t').append(f.signal() ? 't' : 'f').append('\t').append(isNew ? 't' : 'f').append('\n');
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped (terms are free text). */
    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /**
     * Settings local to the transaction: every tenant's reports visible (row-level security, when the connection is
     * not the owner's), memory for the big statement, no parallel workers (each partition is one core's work), and
     * hash joins and hash aggregation rather than sorts: the planner cannot estimate the sizes of the CTEs, and with
     * its defaults it sorts millions of rows by report id (measured on 10 million reports: 150 s → 93 s for one
     * partition).
     */
    private static void prepare(Connection connection) throws SQLException {
        try (PreparedStatement settings = connection.prepareStatement("""
                SELECT set_config('app.all_tenants', 'on', true), set_config('app.tenant_id', '', true),
                       set_config('work_mem', ?, true), set_config('max_parallel_workers_per_gather', '0', true),
                       set_config('enable_mergejoin', 'off', true), set_config('enable_sort', 'off', true)
                """)) {
            settings.setString(1, WORK_MEM);
            settings.execute();
        }
    }

    private static void checkPart(SignalRun run, int part) {
        if (part < 0 || part >= run.partitions()) {
            throw new IllegalArgumentException("run " + run.id() + " has partitions 0 to " + (run.partitions() - 1)
                    + ", not " + part);
        }
    }

    private static Optional<SignalRun> findByInstance(Connection connection, long jobInstanceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + RUN_COLUMNS + " FROM signal_runs WHERE job_instance_id = ?")) {
            select.setLong(1, jobInstanceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    private static SignalRun run(ResultSet rs) throws SQLException {
        long instance = rs.getLong("job_instance_id");
        Long jobInstanceId = rs.wasNull() ? null : instance;
        long previous = rs.getLong("previous_run_id");
        Long previousRunId = rs.wasNull() ? null : previous;
        return new SignalRun(rs.getLong("id"), jobInstanceId, rs.getTimestamp("as_of").toInstant(),
                rs.getInt("partitions"), previousRunId, "completed".equals(rs.getString("status")));
    }

    private static Optional<SignalRunSummary> summary(Connection connection, long runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, as_of, completed_at, reports, pairs, signals, new_signals, previous_run_id
                  FROM signal_runs WHERE id = ?
                """)) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp completed = rs.getTimestamp("completed_at");
                long previous = rs.getLong("previous_run_id");
                Long previousRunId = rs.wasNull() ? null : previous;
                return Optional.of(new SignalRunSummary(rs.getLong("id"), rs.getTimestamp("as_of").toInstant(),
                        completed == null ? null : completed.toInstant(), rs.getLong("reports"), rs.getLong("pairs"),
                        rs.getLong("signals"), rs.getLong("new_signals"), previousRunId));
            }
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in the Spring-managed transaction bound to this thread for the data source (a tasklet
     * step's), or else in a transaction of its own.
     */
    private <T> T transaction(Work<T> work) {
        try {
            if (TransactionSynchronizationManager.hasResource(dataSource)) {
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    return work.run(connection);
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new SignalDetectionFailed(e);
        }
    }
}
