package ai.healthflow.batch.analytics;

import ai.healthflow.batch.analytics.DailyAggregation.MedicineMeasure;
import ai.healthflow.batch.analytics.DailyAggregation.TenantMeasure;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rebuilds one analytics day on the caller's connection, in the caller's transaction (the job's chunk
 * transaction, so the day and the job's record of having built it commit together).
 *
 * <p>PostgreSQL reads the day's source lines (one indexed pass per source, see {@link #LINES}); Java counts them
 * ({@link DailyAggregation}: per entity, per medicine, per ATC group, which SQL could only do with a sort per
 * measure or a row per ATC group); the rows go back with binary COPY.
 *
 * <p>Order matters under concurrent writes: the day's change marks are deleted <em>before</em> the sources are
 * read. Each statement of a READ COMMITTED transaction sees what was committed when it started, so every change
 * whose mark was deleted is visible to the later read; a change committed after the delete keeps its mark and the
 * day is built again by the next run. Reading first and deleting the marks afterwards could drop a change that
 * committed in between.
 */
public final class DailyFactsBuilder {
    // one per partition thread, reused day after day (see DailyAggregation.clear)
    private final ThreadLocal<DailyAggregation> aggregations = ThreadLocal.withInitial(DailyAggregation::new);

    /** What one rebuild wrote. */
    public record Result(LocalDate day, int tenantRows, int medicineRows, int nationalRows) {
        public int total() {
            return tenantRows + medicineRows + nationalRows;
        }
    }

    // Every tenant, also when the connection's role is subject to row-level security (healthflow_app). A day's query
    // is planned for its own bounds (a generic plan would guess the size of a day), and is too short for JIT. No
    // parallel workers: the job's partitions already keep every core busy, and a worker costs its start and a copy
    // of every line through shared memory.
    // synchronous_commit off: a day's commit does not wait for its WAL to reach the disk. What a crash can lose is
    // the last few hundred milliseconds of committed days, facts and their analytics_days record and the deletion
    // of their change marks alike (one transaction, so one WAL record stream): the day then reads as not built or
    // still marked, and the next run builds it again from the sources, which the server never loses. The facts are
    // derived data, so this trades nothing but a rebuild for not waiting on a flush per day.
    private static final String SETUP = """
            SELECT set_config('app.all_tenants', 'on', true), set_config('app.tenant_id', '', true),
                   set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true),
                   set_config('max_parallel_workers_per_gather', '0', true), set_config('synchronous_commit', 'off', true)
            """;
    // Serialises rebuilds of the same day by different runs (two overlapping ranges): both would delete, then both
    // insert, and the day would be counted twice.
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('analytics-daily'), ?)";
    // the marks first (see the class comment); then the tenant rows, and the medicine rows through the tenants they
    // name (the medicine table's only index is tenant, day, and every tenant with a medicine row that day has its
    // tenant row); a day without tenant rows (never built) has no medicine rows to look for.
    private static final String CLEAR_MARKS = "DELETE FROM analytics_dirty_days WHERE day = ?";
    private static final String CLEAR_TENANTS = "DELETE FROM analytics_daily_tenant WHERE day = ? RETURNING tenant_id";
    private static final String CLEAR_MEDICINES = "DELETE FROM analytics_daily_medicine WHERE day = ? AND tenant_id = ANY (?)";
    private static final String CLEAR_NATIONAL = "DELETE FROM analytics_daily_national WHERE day = ?";
    private static final String BOUNDS = "SELECT hf_analytics_day_start(CAST(? AS date)), hf_analytics_day_start(CAST(? AS date) + 1)";

    /*
     * The day's lines, one per source row, tagged with their kind (DailyAggregation.PRESCRIPTION …) and entity.
     * The kind, the 0/1 values n1 and n2 and the flags travel packed in one int (decoded by rebuild): every field
     * sent costs the server a call of its send function and the job a read, for some 100 000 lines a day.
     * Each source is reached through its time index (covering the parent's key and tenant, analytics-4, so the
     * parents are read index-only) and joined by primary or unique keys; outer joins keep
     * entities without lines (a prescription without items still counts). The seriousness criteria are read only
     * for serious cases.
     */
    static final String LINES = """
            SELECT l.kind | (l.n1 << 3) | (l.n2 << 4) | (l.flags << 5), l.tenant_id, l.entity, l.medicine_id, l.q1, l.q2
              FROM (
                SELECT 1 AS kind, p.tenant_id, p.id AS entity, i.medicine_id, (i.id IS NOT NULL)::int AS n1,
                       coalesce(i.quantity, 0) AS q1, coalesce((i.quantity_dispensed > 0)::int, 0) AS n2,
                       coalesce(i.quantity_dispensed, 0) AS q2, 0 AS flags
                  FROM prescriptions p
                  LEFT JOIN prescription_items i ON i.prescription_id = p.id
                 WHERE p.issued_at >= ? AND p.issued_at < ?
                UNION ALL
                SELECT 2, d.tenant_id, d.id, di.medicine_id, (di.item_id IS NOT NULL)::int, coalesce(di.quantity, 0),
                       coalesce(di.substituted::int, 0), 0, 0
                  FROM dispensings d
                  LEFT JOIN dispensing_items di ON di.dispensing_id = d.id
                 WHERE d.dispensed_at >= ? AND d.dispensed_at < ?
                UNION ALL
                SELECT 3, e.tenant_id, e.id, dr.medicine_id, 0, 0, 0, 0, e.flags
                  FROM (
                    SELECT e.tenant_id, e.id, e.current_version,
                           CASE WHEN e.serious THEN 1 | (
                               -- each term in parentheses: | and << share one precedence in PostgreSQL
                               SELECT (('death' = ANY (v.seriousness_criteria))::int << 1)
                                    | (('life_threatening' = ANY (v.seriousness_criteria))::int << 2)
                                    | (('hospitalisation' = ANY (v.seriousness_criteria))::int << 3)
                                    | (('disability' = ANY (v.seriousness_criteria))::int << 4)
                                    | (('congenital_anomaly' = ANY (v.seriousness_criteria))::int << 5)
                                    | (('other_medically_important' = ANY (v.seriousness_criteria))::int << 6)
                                 FROM adverse_event_versions v WHERE v.event_id = e.id AND v.version = e.current_version)
                           ELSE 0 END AS flags
                      FROM adverse_events e
                     WHERE e.received_at >= ? AND e.received_at < ?
                    OFFSET 0 -- a fence: the criteria are read once per case, not once per suspect medicine
                  ) e
                  LEFT JOIN adverse_event_drugs dr
                         ON dr.event_id = e.id AND dr.version = e.current_version AND dr.role = 'suspect'
                UNION ALL
                SELECT 4, t.tenant_id, t.recall_id, r.medicine_id, (t.created_at >= ? AND t.created_at < ?)::int, 0,
                       coalesce((t.acknowledged_at >= ? AND t.acknowledged_at < ?)::int, 0), 0, 0
                  FROM recall_acknowledgements t
                  JOIN recalls r ON r.id = t.recall_id
                 WHERE (t.created_at >= ? AND t.created_at < ?) OR (t.acknowledged_at >= ? AND t.acknowledged_at < ?)
                UNION ALL
                -- active users: anything audited in the tenant (sign-in, every change, reads of patient data) …
                SELECT 5, g.tenant_id, g.actor_id, NULL, 0, 0, 0, 0, 0
                  FROM audit_log g
                 WHERE g.occurred_at >= ? AND g.occurred_at < ? AND g.tenant_id IS NOT NULL AND g.actor_id IS NOT NULL
                UNION ALL
                -- … or a session kept alive (every access-token refresh issues a refresh token)
                SELECT 5, s.tenant_id, s.user_id, NULL, 0, 0, 0, 0, 0
                  FROM refresh_tokens s
                 WHERE s.created_at >= ? AND s.created_at < ?
              ) l
            """;
    private static final int LINE_BOUNDS = (int) LINES.chars().filter(c -> c == '?').count() / 2; // (start, end) pairs

    private static final String RECALLS = """
            SELECT r.medicine_id, m.atc1, m.atc2, m.atc3, count(DISTINCT r.id),
                   count(DISTINCT r.id) FILTER (WHERE r.recall_class = 'I'),
                   count(DISTINCT r.id) FILTER (WHERE r.recall_class = 'II'),
                   count(DISTINCT r.id) FILTER (WHERE r.recall_class = 'III')
              FROM recall_steps s
              JOIN recalls r ON r.id = s.recall_id
              JOIN analytics_medicine_atc m ON m.id = r.medicine_id
             WHERE s.status = 'active' AND s.at >= ? AND s.at < ?
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

    private static final List<String> TENANT_COLUMNS = columns(List.of("day", "tenant_id", "governorate"),
            TenantMeasure.values(), TenantMeasure::column);
    private static final List<String> MEDICINE_COLUMNS = columns(
            List.of("day", "tenant_id", "medicine_id", "governorate", "atc1", "atc2", "atc3"),
            MedicineMeasure.values(), MedicineMeasure::column);
    private static final List<String> NATIONAL_COLUMNS = concat(columns(List.of("day", "medicine_id", "atc1", "atc2", "atc3"),
            MedicineMeasure.values(), MedicineMeasure::column),
            List.of("recalls_opened", "recalls_class_i", "recalls_class_ii", "recalls_class_iii"));

    /**
     * Replaces {@code day}'s facts. Runs in the connection's current transaction (auto-commit must be off); the
     * caller commits.
     *
     * @param jobExecutionId recorded with the day, or null outside a job
     * @throws IllegalStateException when a per-tenant count exceeds its column (more than 32 767 of one medicine
     *                               in one tenant's day)
     */
    public Result rebuild(Connection connection, LocalDate day, Long jobExecutionId) throws SQLException {
        Date date = Date.valueOf(day);
        try (Statement setup = connection.createStatement()) {
            setup.executeQuery(SETUP).close();
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setInt(1, (int) day.toEpochDay());
            lock.executeQuery().close();
        }
        Timestamp start;
        Timestamp end;
        try (PreparedStatement bounds = connection.prepareStatement(BOUNDS)) {
            bounds.setDate(1, date);
            bounds.setDate(2, date);
            try (ResultSet rows = bounds.executeQuery()) {
                rows.next();
                start = rows.getTimestamp(1);
                end = rows.getTimestamp(2);
            }
        }
        clear(connection, date);

        DailyAggregation aggregation = aggregations.get();
        aggregation.clear();
        // the driver's own connection, not the pool's proxy: the proxy turns each getter into a reflective call,
        // and a day reads about a million fields (same connection, same transaction)
        Connection pg = (Connection) connection.unwrap(PGConnection.class);
        try (Statement statement = pg.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, atc1, atc2, atc3 FROM analytics_medicine_atc")) {
            while (rows.next()) {
                UUID id = (UUID) rows.getObject(1);
                aggregation.medicine(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                        new String[]{rows.getString(2), rows.getString(3), rows.getString(4)});
            }
        }
        try (PreparedStatement lines = pg.prepareStatement(LINES)) {
            lines.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary results from the first run
            lines.setFetchSize(10_000); // in pieces (the transaction's cursor): a day's lines are not all held at once
            for (int i = 0; i < LINE_BOUNDS; i++) {
                lines.setTimestamp(2 * i + 1, start);
                lines.setTimestamp(2 * i + 2, end);
            }
            try (ResultSet rows = lines.executeQuery()) {
                while (rows.next()) {
                    byte[] tenant = uuid(rows.getBytes(2));
                    byte[] entity = uuid(rows.getBytes(3));
                    byte[] medicine = rows.getBytes(4);
                    int m = -1;
                    if (medicine != null) {
                        medicine = uuid(medicine);
                        m = aggregation.medicine(half(medicine, 0), half(medicine, 8));
                        if (m < 0) { // a medicine registered since the ATC codes were read
                            m = registerMedicine(pg, aggregation, new UUID(half(medicine, 0), half(medicine, 8)));
                        }
                    }
                    int packed = rows.getInt(1); // kind | n1 << 3 | n2 << 4 | flags << 5
                    aggregation.add(packed & 7, half(tenant, 0), half(tenant, 8), half(entity, 0), half(entity, 8), m,
                            packed >> 3 & 1, rows.getInt(5), packed >> 4 & 1, rows.getInt(6), packed >>> 5);
                }
            }
        }
        Map<UUID, String> governorates = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, coalesce(governorate, 'unknown') FROM tenants")) {
            while (rows.next()) {
                governorates.put((UUID) rows.getObject(1), rows.getString(2));
            }
        }
        Map<UUID, long[]> recalls = new LinkedHashMap<>();
        Map<UUID, String[]> recallAtc = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(RECALLS)) {
            statement.setTimestamp(1, start);
            statement.setTimestamp(2, end);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID medicine = (UUID) rows.getObject(1);
                    recallAtc.put(medicine, new String[]{rows.getString(2), rows.getString(3), rows.getString(4)});
                    recalls.put(medicine, new long[]{rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8)});
                }
            }
        }

        boolean throughTemporary;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(RLS_ACTIVE)) {
            rows.next();
            throughTemporary = rows.getBoolean(1);
            if (throughTemporary) {
                statement.execute(LOAD_TABLES);
            }
        }
        var encoded = new Encoded(day, aggregation, governorates);
        int tenantRows = insertTenants(connection, encoded, aggregation, throughTemporary);
        int medicineRows = insertMedicines(connection, encoded, aggregation, throughTemporary);
        int nationalRows = insertNational(connection, encoded, aggregation, recalls, recallAtc);
        var result = new Result(day, tenantRows, medicineRows, nationalRows);
        try (PreparedStatement record = connection.prepareStatement(RECORD_DAY)) {
            record.setDate(1, date);
            record.setInt(2, result.total());
            if (jobExecutionId == null) {
                record.setNull(3, Types.BIGINT);
            } else {
                record.setLong(3, jobExecutionId);
            }
            record.executeUpdate();
        }
        return result;
    }

    // COPY is refused on tables whose row-level security applies to the connection's role (the service's
    // healthflow_app; the engine's pool connects as the owner, to whom it does not): then the tenant tables are
    // loaded through a temporary table of the same columns (emptied at commit) and moved with one INSERT … SELECT
    private static final String RLS_ACTIVE = "SELECT row_security_active('analytics_daily_medicine')";
    private static final String LOAD_TABLES = """
            CREATE TEMPORARY TABLE IF NOT EXISTS analytics_load_tenant (LIKE analytics_daily_tenant) ON COMMIT DELETE ROWS;
            CREATE TEMPORARY TABLE IF NOT EXISTS analytics_load_medicine (LIKE analytics_daily_medicine) ON COMMIT DELETE ROWS;
            """;

    private static void clear(Connection connection, Date date) throws SQLException {
        try (PreparedStatement marks = connection.prepareStatement(CLEAR_MARKS)) {
            marks.setDate(1, date);
            marks.executeUpdate();
        }
        List<UUID> tenants = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(CLEAR_TENANTS)) {
            statement.setDate(1, date);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tenants.add((UUID) rows.getObject(1));
                }
            }
        }
        if (!tenants.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(CLEAR_MEDICINES)) {
                statement.setDate(1, date);
                statement.setArray(2, connection.createArrayOf("uuid", tenants.toArray()));
                statement.executeUpdate();
            }
        }
        try (PreparedStatement national = connection.prepareStatement(CLEAR_NATIONAL)) {
            national.setDate(1, date);
            national.executeUpdate();
        }
    }

    private static final boolean[] TENANT_QUANTITY = new boolean[DailyAggregation.TENANT_MEASURES];
    private static final boolean[] MEDICINE_QUANTITY = new boolean[DailyAggregation.MEDICINE_MEASURES];
    static {
        for (TenantMeasure measure : TenantMeasure.values()) {
            TENANT_QUANTITY[measure.ordinal()] = measure.isQuantity();
        }
        for (MedicineMeasure measure : MedicineMeasure.values()) {
            MEDICINE_QUANTITY[measure.ordinal()] = measure.isQuantity();
        }
    }

    /** The key columns of the day's rows, encoded once per day, tenant and medicine rather than once per row. */
    private static final class Encoded {
        final LocalDate date;
        final byte[] day;
        final byte[][] tenantId;
        final byte[][] governorate;
        final byte[][] medicineId;
        final byte[][] atc; // atc1, atc2, atc3

        Encoded(LocalDate day, DailyAggregation aggregation, Map<UUID, String> governorates) {
            this.date = day;
            this.day = BinaryCopy.encode(day);
            tenantId = new byte[aggregation.tenantCount()][];
            governorate = new byte[tenantId.length][];
            for (int t = 0; t < tenantId.length; t++) {
                UUID id = aggregation.tenant(t);
                tenantId[t] = BinaryCopy.encode(id);
                governorate[t] = BinaryCopy.encode(governorates.getOrDefault(id, "unknown"));
            }
            medicineId = new byte[aggregation.medicineCount()][];
            atc = new byte[medicineId.length][];
            for (int m = 0; m < medicineId.length; m++) {
                medicineId[m] = BinaryCopy.encode(aggregation.medicineId(m));
                atc[m] = BinaryCopy.encode(aggregation.atc(m));
            }
        }
    }

    private static int insertTenants(Connection connection, Encoded encoded, DailyAggregation aggregation,
                                     boolean throughTemporary) throws SQLException {
        String table = throughTemporary ? "analytics_load_tenant" : "analytics_daily_tenant";
        int rows;
        try (var copy = new BinaryCopy(connection, table, TENANT_COLUMNS)) {
            for (int t : aggregation.tenantOrder()) {
                copy.row(TENANT_COLUMNS.size()).encoded(encoded.day).encoded(encoded.tenantId[t]).encoded(encoded.governorate[t]);
                for (int measure = 0; measure < DailyAggregation.TENANT_MEASURES; measure++) {
                    long value = aggregation.tenantTotal(t, measure);
                    if (TENANT_QUANTITY[measure]) {
                        copy.int8(value);
                    } else {
                        copy.int4(Math.toIntExact(value));
                    }
                }
            }
            rows = Math.toIntExact(copy.finish());
        }
        return throughTemporary ? move(connection, table, "analytics_daily_tenant") : rows;
    }

    private static int insertMedicines(Connection connection, Encoded encoded, DailyAggregation aggregation,
                                       boolean throughTemporary) throws SQLException {
        String table = throughTemporary ? "analytics_load_medicine" : "analytics_daily_medicine";
        int written;
        try (var copy = new BinaryCopy(connection, table, MEDICINE_COLUMNS)) {
            for (int row : aggregation.rowOrder()) {
                int t = aggregation.rowTenant(row);
                int m = aggregation.rowMedicine(row);
                copy.row(MEDICINE_COLUMNS.size()).encoded(encoded.day).encoded(encoded.tenantId[t])
                        .encoded(encoded.medicineId[m]).encoded(encoded.governorate[t]).encoded(encoded.atc[m]);
                for (int measure = 0; measure < DailyAggregation.MEDICINE_MEASURES; measure++) {
                    long value = aggregation.rowValue(row, measure);
                    if (MEDICINE_QUANTITY[measure]) {
                        copy.int4(Math.toIntExact(value));
                    } else if (value > Short.MAX_VALUE) {
                        throw new IllegalStateException("analytics " + encoded.date + ": " + MedicineMeasure.values()[measure].column()
                                + " = " + value + " for tenant " + aggregation.tenant(t) + " and medicine "
                                + aggregation.medicineId(m) + " exceeds its smallint column");
                    } else {
                        copy.int2((short) value);
                    }
                }
            }
            written = Math.toIntExact(copy.finish());
        }
        return throughTemporary ? move(connection, table, "analytics_daily_medicine") : written;
    }

    private static int insertNational(Connection connection, Encoded encoded, DailyAggregation aggregation,
                                      Map<UUID, long[]> recalls, Map<UUID, String[]> recallAtc) throws SQLException {
        long[] sums = aggregation.nationalSums();
        int width = DailyAggregation.MEDICINE_MEASURES + 1;
        try (var copy = new BinaryCopy(connection, "analytics_daily_national", NATIONAL_COLUMNS)) {
            for (int m : aggregation.medicineOrder()) {
                UUID id = aggregation.medicineId(m);
                long[] opened = recalls.remove(id);
                if (sums[m * width + DailyAggregation.MEDICINE_MEASURES] == 0 && opened == null) {
                    continue; // not named that day, no recall opened
                }
                copy.row(NATIONAL_COLUMNS.size()).encoded(encoded.day).encoded(encoded.medicineId[m]).encoded(encoded.atc[m]);
                for (int measure = 0; measure < DailyAggregation.MEDICINE_MEASURES; measure++) {
                    long value = sums[m * width + measure];
                    if (MEDICINE_QUANTITY[measure]) {
                        copy.int8(value);
                    } else {
                        copy.int4(Math.toIntExact(value));
                    }
                }
                recallsOpened(copy, opened);
            }
            // recalled medicines not in the day's medicine list (registered since it was read)
            for (Map.Entry<UUID, long[]> recalled : recalls.entrySet()) {
                copy.row(NATIONAL_COLUMNS.size()).encoded(encoded.day).encoded(BinaryCopy.encode(recalled.getKey()))
                        .encoded(BinaryCopy.encode(recallAtc.get(recalled.getKey())));
                for (int measure = 0; measure < DailyAggregation.MEDICINE_MEASURES; measure++) {
                    if (MEDICINE_QUANTITY[measure]) {
                        copy.int8(0);
                    } else {
                        copy.int4(0);
                    }
                }
                recallsOpened(copy, recalled.getValue());
            }
            return Math.toIntExact(copy.finish());
        }
    }

    private static void recallsOpened(BinaryCopy copy, long[] opened) {
        for (int i = 0; i < 4; i++) {
            copy.int4(opened == null ? 0 : Math.toIntExact(opened[i]));
        }
    }

    /** A medicine the day's lines name that was not in the ATC list read before them (registered meanwhile). */
    private static int registerMedicine(Connection connection, DailyAggregation aggregation, UUID medicine) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT atc1, atc2, atc3 FROM analytics_medicine_atc WHERE id = ?")) {
            statement.setObject(1, medicine);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("ATC codes of a named medicine: " + medicine + " is not in medicines");
                }
                return aggregation.medicine(medicine.getMostSignificantBits(), medicine.getLeastSignificantBits(),
                        new String[]{rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** A uuid column's value: 16 bytes in binary transfer (as the statement asks), else its text. */
    private static byte[] uuid(byte[] value) {
        if (value.length == 16) {
            return value;
        }
        UUID id = UUID.fromString(new String(value, java.nio.charset.StandardCharsets.US_ASCII));
        byte[] bytes = new byte[16];
        LONGS.set(bytes, 0, id.getMostSignificantBits());
        LONGS.set(bytes, 8, id.getLeastSignificantBits());
        return bytes;
    }

    private static long half(byte[] uuid, int offset) {
        return (long) LONGS.get(uuid, offset);
    }

    private static int move(Connection connection, String from, String to) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO " + to + " SELECT * FROM " + from);
        }
    }

    private static <E> List<String> columns(List<String> keys, E[] measures, Function<E, String> name) {
        List<String> all = new ArrayList<>(keys);
        Arrays.stream(measures).map(name).forEach(all::add);
        return List.copyOf(all);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
