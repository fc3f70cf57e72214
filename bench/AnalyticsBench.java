import ai.healthflow.batch.analytics.AnalyticsCalendar;
import ai.healthflow.batch.analytics.AnalyticsDailyJob;
import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.BatchSettings;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.platform.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * analytics-daily benchmark (issue #7): generates a year of data in an embedded PostgreSQL with COPY, then times a
 * full build, an incremental run after changing one day, and the write-path cost of the change-mark triggers.
 * Run by bench/analytics.sh:
 * java -cp api/target/healthflow.jar bench/AnalyticsBench.java [prescription items] [adverse events] [days]
 *
 * The world: 300 tenants in Egypt's 27 governorates (90 hospitals, 60 clinics, 150 pharmacies; 5 % without a
 * governorate), 5 670 users, 200 000 patients, 2 000 medicines with synthetic WHO ATC codes (3 % without), used with
 * Zipf popularity. Prescriptions carry 1-5 items (2.8 on average); 75 % are dispensed within three days by a
 * pharmacy of the prescriber's governorate. Adverse events: 25 % serious with E2B criteria, 1-3 suspect and 0-2
 * concomitant medicines, 5 % with a follow-up version. 120 recalls with a task per pharmacy and hospital, 70 %
 * acknowledged. One sign-in audit record per active user and day. Volume per day follows a weekly rhythm (Fridays
 * quiet), a season and a 30 % growth over the year.
 */
public class AnalyticsBench {
    static final String[] GOVERNORATES = {"Cairo", "Giza", "Alexandria", "Qaliubiya", "Sharkia", "Dakahlia", "Beheira",
            "Gharbia", "Menofia", "Minya", "Assiut", "Sohag", "Qena", "Kafr El Sheikh", "Fayoum", "Beni Suef", "Ismailia",
            "Port Said", "Damietta", "Suez", "Aswan", "Luxor", "Red Sea", "Matrouh", "New Valley", "North Sinai", "South Sinai"};
    static final String[] ATC1 = {"A", "B", "C", "D", "G", "H", "J", "L", "M", "N", "P", "R", "S", "V"};
    static final double[] ATC1_WEIGHT = {14, 6, 12, 6, 5, 3, 14, 5, 8, 14, 2, 8, 2, 1};
    static final String[] CRITERIA = {"hospitalisation", "other_medically_important", "life_threatening", "death",
            "disability", "congenital_anomaly"};
    static final double[] CRITERIA_WEIGHT = {50, 25, 10, 7, 5, 3};
    static final String CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    // world
    static int tenants;
    static UUID[] tenantId;
    static String[] tenantType;
    static String[] tenantGovernorate;
    static int[] tenantGovernorateIndex; // 27 = none
    static int[] firstUser;      // users of tenant t: firstUser[t] .. firstUser[t] + userCount[t] - 1
    static int[] userCount;
    static int[] doctorCount;    // the first doctorCount[t] users of a hospital or clinic are doctors
    static UUID[] userId;
    static int[] userTenant;
    static UUID[] medicineId;
    static double[] medicineCdf;
    static UUID[] patientId;
    static int[] firstPatient;
    static int patientsPerTenant;
    static int[] prescribers;    // hospitals and clinics
    static double[] prescriberCdf;
    static int[] reporters;      // every clinical tenant
    static double[] reporterCdf;
    static int[][] pharmaciesIn; // by governorate index (27 = none)
    static int[] pharmacies;

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        long items = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        long events = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : items;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 365;
        Path dir = Files.createTempDirectory("hf-analytics-bench");
        System.out.printf("analytics-daily benchmark: %,d prescription items and %,d adverse events over %d days%n",
                items, events, days);
        System.out.println("load at start: " + load());
        // BENCH_DB_URL: time the job on a database generated earlier (GENERATE_ONLY=1 leaves one running; its data
        // directory as BENCH_PG_DATA counts that server's CPU too); BENCH_FULL_ONLY=1 stops after the full build
        String existing = System.getenv("BENCH_DB_URL");
        Path pgData = System.getenv("BENCH_PG_DATA") != null ? Path.of(System.getenv("BENCH_PG_DATA")) : dir.resolve("pg");
        EmbeddedPostgres postgres = existing != null ? null : EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("timezone", "UTC")
                .setServerConfig("max_connections", "50")
                .setServerConfig("shared_buffers", "2GB")
                .setServerConfig("effective_cache_size", "12GB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "1GB")
                .setServerConfig("max_wal_size", "16GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .start();
        try {
            String dbUrl;
            DataSource owner;
            LocalDate today = AnalyticsCalendar.today(Clock.systemUTC());
            if (existing != null) {
                dbUrl = existing;
                ownerUrl = dbUrl;
                var simple = new org.postgresql.ds.PGSimpleDataSource();
                simple.setUrl(dbUrl);
                owner = simple;
                new Migrations(owner).migrate(); // changesets added since the data was generated
                reload(owner);
                try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
                    s.execute("TRUNCATE analytics_daily_tenant, analytics_daily_medicine, analytics_daily_national, analytics_days, analytics_dirty_days");
                }
            } else {
                String url = postgres.getJdbcUrl("postgres", "postgres");
                try (Connection c = DriverManager.getConnection(url)) {
                    c.createStatement().execute("CREATE DATABASE healthflow");
                }
                dbUrl = postgres.getJdbcUrl("postgres", "healthflow");
                ownerUrl = dbUrl;
                owner = postgres.getDatabase("postgres", "healthflow");
                new Migrations(owner).migrate();
                System.out.println("PostgreSQL " + scalar(owner, "SHOW server_version") + ", JIT available: "
                        + scalar(owner, "SELECT pg_jit_available()") + "; data in " + dir);
                LocalDate first = today.minusDays(days);
                long t0 = System.nanoTime();
                generate(dbUrl, owner, first, days, items, events);
                System.out.printf("generated in %.0f s (COPY, secondary indexes rebuilt after, VACUUM ANALYZE and CHECKPOINT included); load %s%n",
                        seconds(t0), load());
                printSizes(owner);
                if (System.getenv("GENERATE_ONLY") != null) {
                    // for experiments: the server stays up (psql -h localhost -p <port> -U postgres healthflow) until killed
                    System.out.println("GENERATE_ONLY: server on port " + postgres.getPort() + ", data in " + dir);
                    Thread.sleep(Long.MAX_VALUE);
                }
            }

            // as in the service: the engine's pool connects as the schema owner, the API's as healthflow_app
            DataSource jobs = pool(dbUrl, null);
            DataSource app = pool(dbUrl, "healthflow_app");
            try (BatchEngine engine = new BatchEngine(jobs, Clock.systemUTC(), dir.resolve("work"),
                    BatchSettings.defaults("analytics-bench"), List.of(new AnalyticsDailyJob()))) {
                System.out.println("partitions (cores): " + engine.infrastructure().partitions());
                String before = load();
                double[] cpuBefore = cpu(pgData);
                long full = System.nanoTime();
                JobRun run = engine.runToEnd(AnalyticsDailyJob.NAME, Map.of());
                double fullSeconds = seconds(full);
                double[] cpuAfter = cpu(pgData);
                check(run);
                System.out.printf("FULL BUILD: %d days, %,d fact rows in %.1f s (target <= 120 s); load before %s, after %s%n",
                        daysBuilt(run), Long.parseLong(scalar(owner, "SELECT sum(fact_rows) FROM analytics_days")), fullSeconds,
                        before, load());
                if (cpuAfter[1] > 0) {
                    double jvm = cpuAfter[0] - cpuBefore[0], pg = cpuAfter[1] - cpuBefore[1];
                    System.out.printf("  CPU used: %.0f s (job JVM %.0f s, PostgreSQL %.0f s): %.0f s of wall time on two idle cores "
                            + "at best; the other processes' load stretched it to %.0f s%n", jvm + pg, jvm, pg, (jvm + pg) / 2, fullSeconds);
                }
                System.out.println("  results: " + run.results());
                for (JobRun.Step step : run.steps()) {
                    System.out.printf("  %-34s %4d days %7.1f s%n", step.name(), step.writeCount(),
                            step.durationMs() == null ? 0 : step.durationMs() / 1000.0);
                }
                if (System.getenv("BENCH_FULL_ONLY") != null) {
                    return;
                }

                // change one day: a prescription item of a day some months ago, through the triggers as the service would
                LocalDate changed = today.minusDays(Math.min(100, days / 2));
                try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT set_config('app.all_tenants', 'on', false)");
                    int n = s.executeUpdate("""
                            UPDATE prescription_items SET quantity = quantity + 1
                             WHERE id = (SELECT i.id FROM prescriptions p JOIN prescription_items i ON i.prescription_id = p.id
                                          WHERE p.issued_at >= hf_analytics_day_start(DATE '%s') LIMIT 1)
                            """.formatted(changed));
                    System.out.println("changed " + n + " item of a prescription issued " + changed);
                }
                long inc = System.nanoTime();
                JobRun incremental = engine.runToEnd(AnalyticsDailyJob.NAME, Map.of());
                double incSeconds = seconds(inc);
                check(incremental);
                System.out.printf("INCREMENTAL: %d day(s) rebuilt in %.2f s (the whole run, planning included); load %s%n",
                        daysBuilt(incremental), incSeconds, load());

                long again = System.nanoTime();
                JobRun nothing = engine.runToEnd(AnalyticsDailyJob.NAME, Map.of());
                check(nothing);
                System.out.printf("NOTHING CHANGED: %d days rebuilt, run took %.2f s%n", daysBuilt(nothing), seconds(again));

                apiQueries(app);
                writePathCost(app, today);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (System.getenv("KEEP") == null && System.getenv("GENERATE_ONLY") == null) {
                deleteRecursively(dir);
            }
        }
    }

    static long daysBuilt(JobRun run) {
        return run.steps().stream().filter(s -> s.name().contains(":partition")).mapToLong(JobRun.Step::writeCount).sum();
    }

    static void check(JobRun run) {
        if (!run.status().equals("COMPLETED")) {
            throw new IllegalStateException("run " + run.id() + " " + run.status() + ": " + run.errors());
        }
    }

    /**
     * CPU seconds used so far by this JVM and by the embedded PostgreSQL (the postmaster with its reaped children,
     * and its live backends), from /proc: what a run costs whatever else the machine is doing.
     */
    static double[] cpu(Path pgData) {
        try {
            double tick = 100.0; // USER_HZ on Linux
            double jvm = fields(Path.of("/proc/self/stat"), false) / tick;
            Path pid = pgData.resolve("postmaster.pid");
            if (!Files.exists(pid)) {
                return new double[]{jvm, 0};
            }
            String postmaster = Files.readAllLines(pid).getFirst().trim();
            double pg = fields(Path.of("/proc", postmaster, "stat"), true);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (f[1].equals(postmaster)) {
                            pg += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return new double[]{jvm, pg / tick};
        } catch (IOException e) {
            return new double[]{0, 0};
        }
    }

    /** utime + stime (and the reaped children's when asked) of one /proc/<pid>/stat, in ticks. */
    static long fields(Path stat, boolean children) throws IOException {
        String text = Files.readString(stat);
        String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return children ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "?";
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A pool like the service's: as {@code role} (healthflow_app: row-level security applies), or the owner when null. */
    static DataSource pool(String url, String role) {
        var p = new PoolProperties();
        p.setUrl(url);
        p.setDriverClassName("org.postgresql.Driver");
        if (role != null) {
            p.setInitSQL("SET ROLE " + role);
        }
        p.setInitialSize(2);
        p.setMinIdle(2);
        p.setMaxActive(8);
        p.setMaxIdle(8);
        p.setDefaultAutoCommit(true);
        p.setRollbackOnReturn(true);
        return new org.apache.tomcat.jdbc.pool.DataSource(p);
    }

    static String scalar(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** The world's ids, read back from a database generated earlier (for BENCH_DB_URL runs). */
    static void reload(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            List<UUID> t = new ArrayList<>(), p = new ArrayList<>(), m = new ArrayList<>();
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT id, type FROM tenants WHERE name_en LIKE 'Bench %' ORDER BY id")) {
                while (r.next()) {
                    t.add((UUID) r.getObject(1));
                    types.add(r.getString(2));
                }
            }
            tenants = t.size();
            tenantId = t.toArray(UUID[]::new);
            List<Integer> rx = new ArrayList<>(), ph = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                (types.get(i).equals("pharmacy") ? ph : rx).add(i);
            }
            prescribers = rx.stream().mapToInt(Integer::intValue).toArray();
            pharmacies = ph.stream().mapToInt(Integer::intValue).toArray();
            firstUser = new int[tenants];
            firstPatient = new int[tenants];
            List<UUID> u = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT m.tenant_id, m.user_id FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.name_en LIKE 'Bench %' ORDER BY m.tenant_id, m.user_id")) {
                UUID last = null;
                while (r.next()) {
                    if (!r.getObject(1).equals(last)) {
                        last = (UUID) r.getObject(1);
                        firstUser[t.indexOf(last)] = u.size();
                    }
                    u.add((UUID) r.getObject(2));
                }
            }
            userId = u.toArray(UUID[]::new);
            try (ResultSet r = s.executeQuery("SELECT DISTINCT ON (tenant_id) tenant_id, id FROM patients ORDER BY tenant_id, id")) {
                while (r.next()) {
                    p.add((UUID) r.getObject(2));
                    firstPatient[t.indexOf((UUID) r.getObject(1))] = p.size() - 1;
                }
            }
            patientId = p.toArray(UUID[]::new);
            try (ResultSet r = s.executeQuery("SELECT id FROM medicines ORDER BY registration_no")) {
                while (r.next()) {
                    m.add((UUID) r.getObject(1));
                }
            }
            medicineId = m.toArray(UUID[]::new);
        }
    }

    static void printSizes(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet r = c.createStatement().executeQuery("""
                SELECT relname, to_char(reltuples::bigint, 'FM999,999,999'), pg_size_pretty(pg_total_relation_size(oid))
                  FROM pg_class WHERE relname IN ('prescriptions', 'prescription_items', 'dispensings', 'dispensing_items',
                        'adverse_events', 'adverse_event_versions', 'adverse_event_drugs', 'audit_log', 'recall_acknowledgements')
                 ORDER BY relname""")) {
            while (r.next()) {
                System.out.printf("  %-24s %14s rows %10s%n", r.getString(1), r.getString(2), r.getString(3));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- generation

    static final String[] BIG = {"prescriptions", "prescription_items", "dispensings", "dispensing_items", "adverse_events",
            "adverse_event_versions", "adverse_event_drugs", "audit_log"};

    static void generate(String url, DataSource owner, LocalDate first, int days, long items, long events) throws Exception {
        var random = new SplittableRandom(7);
        List<String> indexes = new ArrayList<>();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            // secondary indexes are rebuilt after the load (much faster than maintaining them row by row); primary
            // keys and unique constraints stay (the generated keys grow, so they append)
            try (ResultSet r = s.executeQuery("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                     WHERE t.relname = ANY ('{%s}') AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                    """.formatted(String.join(",", BIG)))) {
                while (r.next()) {
                    indexes.add(r.getString(2));
                    s.addBatch("DROP INDEX " + r.getString(1));
                }
            }
            s.executeBatch();
        }
        reference(url, random);
        long t = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> rx = pool.submit(() -> {
            prescriptions(url, first, days, items, new SplittableRandom(11));
            return null;
        });
        Future<?> ae = pool.submit(() -> {
            adverseEvents(url, first, days, events, new SplittableRandom(13));
            activity(url, first, days, new SplittableRandom(17));
            recalls(url, first, days, new SplittableRandom(19));
            return null;
        });
        rx.get();
        ae.get();
        pool.shutdown();
        System.out.printf("  rows copied in %.0f s; rebuilding %d secondary indexes…%n", seconds(t), indexes.size());
        t = System.nanoTime();
        ExecutorService builders = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (String index : indexes) {
            done.add(builders.submit(() -> {
                try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
                    s.execute(index);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        builders.shutdown();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT setval('audit_log_id_seq', (SELECT max(id) FROM audit_log))");
        }
        System.out.printf("  indexes in %.0f s; VACUUM ANALYZE…%n", seconds(t));
        t = System.nanoTime();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
        System.out.printf("  vacuum in %.0f s%n", seconds(t));
        // the generator's dirty pages (gigabytes) are written now, not by a checkpoint in the middle of the timed
        // build: a nightly run finds a server that has long written the day's data
        t = System.nanoTime();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        System.out.printf("  checkpoint in %.0f s%n", seconds(t));
    }

    /** A COPY into one table on a connection of its own, triggers (foreign keys, change marks) off as in a restore. */
    static final class Copy implements AutoCloseable {
        final Connection connection;
        final OutputStream out;
        final StringBuilder row = new StringBuilder(256);
        long rows;

        Copy(String url, String table, String columns) throws SQLException {
            connection = DriverManager.getConnection(url);
            try (Statement s = connection.createStatement()) {
                s.execute("SET session_replication_role = replica");
                s.execute("SET synchronous_commit = off");
            }
            out = new java.io.BufferedOutputStream(new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                    "COPY " + table + " (" + columns + ") FROM STDIN", 1 << 16), 1 << 16);
        }

        Copy add(Object value) {
            if (!row.isEmpty()) {
                row.append('\t');
            }
            row.append(value == null ? "\\N" : value);
            return this;
        }

        void end() throws IOException {
            row.append('\n');
            out.write(row.toString().getBytes(StandardCharsets.UTF_8));
            row.setLength(0);
            rows++;
        }

        @Override
        public void close() throws IOException, SQLException {
            out.close();
            connection.close();
        }
    }

    /** Keys that grow (so primary-key indexes append): a per-table counter in the high half, random low half. */
    static final class Ids {
        final long high;
        long next;
        final SplittableRandom random;

        Ids(int table, SplittableRandom random) {
            this.high = ((long) table << 56) | 0x0000_4000_0000_0000L;
            this.random = random;
        }

        UUID next() {
            return new UUID(high | (next++ << 16), random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L);
        }
    }

    static int pick(double[] cdf, SplittableRandom random) {
        double x = random.nextDouble() * cdf[cdf.length - 1];
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double[] cdf(double[] weights) {
        double[] cdf = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cdf[i] = sum;
        }
        return cdf;
    }

    static void reference(String url, SplittableRandom random) throws Exception {
        tenants = 300;
        tenantId = new UUID[tenants];
        tenantType = new String[tenants];
        tenantGovernorate = new String[tenants];
        tenantGovernorateIndex = new int[tenants];
        firstUser = new int[tenants];
        userCount = new int[tenants];
        doctorCount = new int[tenants];
        double[] governorateWeight = new double[GOVERNORATES.length];
        for (int g = 0; g < governorateWeight.length; g++) {
            governorateWeight[g] = 1.0 / Math.pow(g + 1, 0.9);
        }
        double[] governorateCdf = cdf(governorateWeight);
        Ids tenantIds = new Ids(1, random);
        int users = 0;
        List<Integer> prescriberList = new ArrayList<>();
        List<Integer> pharmacyList = new ArrayList<>();
        List<List<Integer>> byGovernorate = new ArrayList<>();
        for (int g = 0; g <= GOVERNORATES.length; g++) {
            byGovernorate.add(new ArrayList<>());
        }
        try (Copy copy = new Copy(url, "tenants", "id, type, name_en, name_ar, governorate")) {
            for (int t = 0; t < tenants; t++) {
                tenantId[t] = tenantIds.next();
                tenantType[t] = t < 90 ? "hospital" : t < 150 ? "clinic" : "pharmacy";
                int g = random.nextDouble() < 0.05 ? -1 : pick(governorateCdf, random);
                tenantGovernorate[t] = g < 0 ? null : GOVERNORATES[g];
                tenantGovernorateIndex[t] = g < 0 ? GOVERNORATES.length : g;
                firstUser[t] = users;
                doctorCount[t] = tenantType[t].equals("hospital") ? 40 : tenantType[t].equals("clinic") ? 8 : 0;
                userCount[t] = tenantType[t].equals("hospital") ? 51 : tenantType[t].equals("clinic") ? 8 : 4;
                users += userCount[t];
                if (tenantType[t].equals("pharmacy")) {
                    pharmacyList.add(t);
                    byGovernorate.get(g < 0 ? GOVERNORATES.length : g).add(t);
                } else {
                    prescriberList.add(t);
                }
                copy.add(tenantId[t]).add(tenantType[t]).add("Bench " + tenantType[t] + " " + t).add("اختبار " + t)
                        .add(tenantGovernorate[t]).end();
            }
        }
        prescribers = prescriberList.stream().mapToInt(Integer::intValue).toArray();
        pharmacies = pharmacyList.stream().mapToInt(Integer::intValue).toArray();
        pharmaciesIn = new int[GOVERNORATES.length + 1][];
        for (int g = 0; g <= GOVERNORATES.length; g++) {
            pharmaciesIn[g] = byGovernorate.get(g).stream().mapToInt(Integer::intValue).toArray();
        }
        double[] w = new double[prescribers.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (tenantType[prescribers[i]].equals("hospital") ? 3.0 : 1.0) / Math.pow(i % 30 + 1, 0.5);
        }
        prescriberCdf = cdf(w);
        reporters = new int[tenants];
        double[] rw = new double[tenants];
        for (int t = 0; t < tenants; t++) {
            reporters[t] = t;
            rw[t] = tenantType[t].equals("hospital") ? 4 : tenantType[t].equals("clinic") ? 1.5 : 1;
        }
        reporterCdf = cdf(rw);

        userId = new UUID[users];
        userTenant = new int[users];
        Ids userIds = new Ids(2, random);
        try (Copy u = new Copy(url, "users", "id, email, display_name, password_hash");
             Copy m = new Copy(url, "memberships", "user_id, tenant_id, role")) {
            for (int t = 0; t < tenants; t++) {
                for (int k = 0; k < userCount[t]; k++) {
                    int i = firstUser[t] + k;
                    userId[i] = userIds.next();
                    userTenant[i] = t;
                    String role = tenantType[t].equals("pharmacy") ? (k == 0 ? "tenant_admin" : "pharmacist")
                            : k < doctorCount[t] ? "doctor" : k == userCount[t] - 1 ? "tenant_admin" : "nurse";
                    u.add(userId[i]).add("user" + i + "@bench.healthflow").add("Bench User " + i).add("x").end();
                    m.add(userId[i]).add(tenantId[t]).add(role).end();
                }
            }
        }

        int medicines = 2000;
        medicineId = new UUID[medicines];
        double[] mw = new double[medicines];
        double[] atcCdf = cdf(ATC1_WEIGHT);
        Ids medicineIds = new Ids(3, random);
        try (Copy copy = new Copy(url, "medicines", "id, registration_no, trade_name_en, trade_name_ar, generic_name_en, "
                + "generic_name_ar, dosage_form, route, atc_code, manufacturer")) {
            for (int i = 0; i < medicines; i++) {
                medicineId[i] = medicineIds.next();
                mw[i] = 1.0 / (i + 1); // Zipf: a few medicines make most of the volume
                String atc = null;
                if (random.nextDouble() >= 0.03) {
                    String l1 = ATC1[pick(atcCdf, random)];
                    atc = l1 + "%02d".formatted(1 + random.nextInt(6)) + (char) ('A' + random.nextInt(4))
                            + (char) ('A' + random.nextInt(5)) + "%02d".formatted(1 + random.nextInt(20));
                }
                copy.add(medicineId[i]).add("BENCH-" + i).add("Benchmed " + i).add("بنشميد " + i).add("generic " + i)
                        .add("جنيس " + i).add("tablet").add("oral").add(atc).add("Bench Pharma").end();
            }
        }
        medicineCdf = cdf(mw);

        patientsPerTenant = 2000;
        firstPatient = new int[tenants];
        patientId = new UUID[prescribers.length * patientsPerTenant];
        Ids patientIds = new Ids(4, random);
        try (Copy copy = new Copy(url, "patients", "id, tenant_id, national_id, name_en, name_ar, date_of_birth, sex, search_text")) {
            int i = 0;
            for (int t : prescribers) {
                firstPatient[t] = i;
                for (int k = 0; k < patientsPerTenant; k++, i++) {
                    patientId[i] = patientIds.next();
                    copy.add(patientId[i]).add(tenantId[t]).add("2%013d".formatted(i)).add("Patient " + i).add("مريض " + i)
                            .add("19%02d-%02d-%02d".formatted(30 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28)))
                            .add(random.nextBoolean() ? "female" : "male").add("patient " + i).end();
                }
            }
        }
        System.out.printf("  world: %d tenants, %,d users, %,d medicines, %,d patients%n", tenants, users, medicines, patientId.length);
    }

    /** Relative volume of each day: weekly rhythm (Friday quiet, Saturday lighter), a season, 30 % growth. */
    static double[] dayWeights(LocalDate first, int days) {
        double[] w = new double[days];
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = first.plusDays(d).getDayOfWeek();
            double week = dow == DayOfWeek.FRIDAY ? 0.45 : dow == DayOfWeek.SATURDAY ? 0.8 : 1.0;
            w[d] = week * (1 + 0.3 * d / days) * (1 + 0.15 * Math.sin(2 * Math.PI * d / 365.0));
        }
        return w;
    }

    static long[] quotas(double[] weights, long total) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        long[] q = new long[weights.length];
        long given = 0;
        for (int d = 0; d < weights.length; d++) {
            q[d] = Math.round(total * weights[d] / sum);
            given += q[d];
        }
        q[q.length - 1] += total - given;
        return q;
    }

    static final double[] HOURS = {0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 2, 4, 5, 5, 4.5, 4, 4, 3.5, 3.5, 4, 4.5, 4.5, 4, 3, 2, 1};
    static final double[] HOURS_CDF = cdf(HOURS);

    /** Seconds since the epoch of a Cairo wall-clock moment of the day (UTC offset of the day's noon). */
    static long instant(LocalDate day, SplittableRandom random) {
        int secondOfDay = pick(HOURS_CDF, random) * 3600 + random.nextInt(3600);
        long offset = AnalyticsCalendar.ZONE.getRules().getOffset(day.atTime(12, 0)).getTotalSeconds();
        return day.toEpochDay() * 86400 + secondOfDay - offset;
    }

    static final String[] STAMP_CACHE = new String[200_000];

    /** A timestamptz literal for COPY, UTC. */
    static String ts(long epochSecond) {
        int day = (int) Math.floorDiv(epochSecond, 86400);
        int second = (int) Math.floorMod(epochSecond, 86400);
        String date = STAMP_CACHE[day % STAMP_CACHE.length];
        if (date == null || !date.startsWith(LocalDate.ofEpochDay(day).toString())) {
            date = LocalDate.ofEpochDay(day).toString();
            STAMP_CACHE[day % STAMP_CACHE.length] = date;
        }
        int h = second / 3600, m = second / 60 % 60, s = second % 60;
        return date + ' ' + (h < 10 ? "0" : "") + h + ':' + (m < 10 ? "0" : "") + m + ':' + (s < 10 ? "0" : "") + s + "+00";
    }

    static String caseNumber(long n) {
        String digits = Long.toString(n);
        return "AE-B-" + "000000000".substring(Math.min(9, digits.length())) + digits;
    }

    static String code(long n) {
        char[] c = new char[9];
        c[4] = '-';
        for (int i = 8; i >= 0; i--) {
            if (i == 4) {
                continue;
            }
            c[i] = CODE_ALPHABET.charAt((int) (n & 31));
            n >>>= 5;
        }
        return new String(c);
    }

    static void prescriptions(String url, LocalDate first, int days, long items, SplittableRandom random) throws Exception {
        long[] quota = quotas(dayWeights(first, days), items);
        long end = first.plusDays(days).atStartOfDay(AnalyticsCalendar.ZONE).toEpochSecond() - 60;
        double[] itemCountCdf = cdf(new double[]{20, 25, 25, 18, 12});
        Ids rxIds = new Ids(10, random), itemIds = new Ids(11, random), dispIds = new Ids(12, random);
        long n = 0;
        try (Copy rx = new Copy(url, "prescriptions", "id, code, tenant_id, patient_id, prescriber_id, status, issued_at, expires_at, updated_at");
             Copy it = new Copy(url, "prescription_items", "id, prescription_id, position, medicine_id, dose, frequency, duration_days, quantity, quantity_dispensed");
             Copy disp = new Copy(url, "dispensings", "id, prescription_id, tenant_id, pharmacist_id, dispensed_at");
             Copy di = new Copy(url, "dispensing_items", "dispensing_id, item_id, medicine_id, quantity, batch_number, substituted")) {
            int[] meds = new int[5];
            int[] qty = new int[5];
            UUID[] itemId = new UUID[5];
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                long left = quota[d];
                while (left > 0) {
                    int k = (int) Math.min(left, 1 + pick(itemCountCdf, random));
                    left -= k;
                    int t = prescribers[pick(prescriberCdf, random)];
                    UUID id = rxIds.next();
                    long issued = instant(day, random);
                    UUID prescriber = userId[firstUser[t] + random.nextInt(doctorCount[t])];
                    UUID patient = patientId[firstPatient[t] + random.nextInt(patientsPerTenant)];
                    boolean dispensed = random.nextDouble() < 0.75;
                    int dispensedItems = 0;
                    for (int i = 0; i < k; i++) {
                        meds[i] = pick(medicineCdf, random);
                        qty[i] = 1 + random.nextInt(60);
                        itemId[i] = itemIds.next();
                    }
                    boolean[] given = new boolean[k];
                    if (dispensed) {
                        for (int i = 0; i < k; i++) {
                            given[i] = random.nextDouble() < 0.9;
                            dispensedItems += given[i] ? 1 : 0;
                        }
                    }
                    String status = !dispensed || dispensedItems == 0 ? (issued < end - 30L * 86400 ? "expired" : "issued")
                            : dispensedItems == k ? "dispensed" : "partially_dispensed";
                    rx.add(id).add(code(n++)).add(tenantId[t]).add(patient).add(prescriber).add(status).add(ts(issued))
                            .add(ts(issued + 30L * 86400)).add(ts(issued)).end();
                    for (int i = 0; i < k; i++) {
                        it.add(itemId[i]).add(id).add(i).add(medicineId[meds[i]]).add("1 tablet").add("twice daily").add(5)
                                .add(qty[i]).add(given[i] ? qty[i] : 0).end();
                    }
                    if (dispensedItems > 0) {
                        int[] near = pharmaciesIn[tenantGovernorateIndex[t]].length > 0 ? pharmaciesIn[tenantGovernorateIndex[t]] : pharmacies;
                        int p = near[random.nextInt(near.length)];
                        UUID dispensing = dispIds.next();
                        long at = Math.min(end, issued + 600 + (long) (-Math.log(1 - random.nextDouble()) * 6 * 3600) % (72 * 3600));
                        disp.add(dispensing).add(id).add(tenantId[p]).add(userId[firstUser[p] + 1 + random.nextInt(3)]).add(ts(at)).end();
                        for (int i = 0; i < k; i++) {
                            if (given[i]) {
                                boolean substituted = random.nextDouble() < 0.03;
                                int medicine = substituted ? (meds[i] + 1) % medicineId.length : meds[i];
                                di.add(dispensing).add(itemId[i]).add(medicineId[medicine]).add(qty[i])
                                        .add("B" + (1000 + random.nextInt(9000))).add(substituted ? "t" : "f").end();
                            }
                        }
                    }
                }
            }
            System.out.printf("  prescriptions %,d, items %,d, dispensings %,d, dispensed items %,d%n", rx.rows, it.rows, disp.rows, di.rows);
        }
    }

    static void adverseEvents(String url, LocalDate first, int days, long events, SplittableRandom random) throws Exception {
        long[] quota = quotas(dayWeights(first, days), events);
        double[] criteriaCdf = cdf(CRITERIA_WEIGHT);
        double[] suspectsCdf = cdf(new double[]{78, 18, 4});
        double[] concomitantCdf = cdf(new double[]{80, 15, 5});
        String[] statuses = {"submitted", "triaged", "under_assessment", "assessed", "closed"};
        Ids eventIds = new Ids(20, random), drugIds = new Ids(21, random);
        long n = 0;
        try (Copy ae = new Copy(url, "adverse_events", "id, tenant_id, case_number, reporter_id, reporter_name, reporter_role, "
                + "status, current_version, serious, received_at, latest_info_at, due_at, created_at, updated_at");
             Copy v = new Copy(url, "adverse_event_versions", "event_id, version, tenant_id, received_at, submitted_by, "
                     + "submitted_by_name, patient_age_group, patient_sex, serious, seriousness_criteria");
             Copy dr = new Copy(url, "adverse_event_drugs", "id, event_id, version, tenant_id, position, role, medicine_id, ingredient_ids")) {
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                for (long e = 0; e < quota[d]; e++) {
                    int t = reporters[pick(reporterCdf, random)];
                    UUID id = eventIds.next();
                    UUID reporter = userId[firstUser[t] + random.nextInt(userCount[t])];
                    long received = instant(day, random);
                    int versions = random.nextDouble() < 0.05 ? 2 : 1;
                    boolean serious = false;
                    String criteria = "{}";
                    for (int version = 1; version <= versions; version++) {
                        serious = random.nextDouble() < 0.25;
                        if (serious) {
                            String c1 = CRITERIA[pick(criteriaCdf, random)];
                            String c2 = random.nextDouble() < 0.3 ? CRITERIA[pick(criteriaCdf, random)] : c1;
                            criteria = c1.equals(c2) ? "{" + c1 + "}" : "{" + c1 + "," + c2 + "}";
                        } else {
                            criteria = "{}";
                        }
                        long at = version == 1 ? received : received + 86400L * (1 + random.nextInt(5));
                        v.add(id).add(version).add(tenantId[t]).add(ts(at)).add(reporter).add("Reporter")
                                .add(random.nextBoolean() ? "adult" : "elderly").add(random.nextBoolean() ? "female" : "male")
                                .add(serious ? "t" : "f").add(criteria).end();
                        int suspects = 1 + pick(suspectsCdf, random);
                        int concomitant = pick(concomitantCdf, random);
                        for (int i = 0; i < suspects + concomitant; i++) {
                            dr.add(drugIds.next()).add(id).add(version).add(tenantId[t]).add(i)
                                    .add(i < suspects ? "suspect" : "concomitant").add(medicineId[pick(medicineCdf, random)])
                                    .add("{}").end();
                        }
                    }
                    ae.add(id).add(tenantId[t]).add(caseNumber(n++)).add(reporter).add("Reporter").add("doctor")
                            .add(statuses[random.nextInt(statuses.length)]).add(versions).add(serious ? "t" : "f")
                            .add(ts(received)).add(ts(received)).add(serious ? ts(received + 15L * 86400) : null)
                            .add(ts(received)).add(ts(received)).end();
                }
            }
            System.out.printf("  adverse events %,d, versions %,d, medicines %,d%n", ae.rows, v.rows, dr.rows);
        }
    }

    /** One sign-in audit record per active user and day. */
    static void activity(String url, LocalDate first, int days, SplittableRandom random) throws Exception {
        try (Copy a = new Copy(url, "audit_log", "id, occurred_at, actor_id, tenant_id, action, entity_type, entity_id, prev_hash, hash")) {
            long id = 1;
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                double p = day.getDayOfWeek() == DayOfWeek.FRIDAY ? 0.15 : 0.55;
                for (int u = 0; u < userId.length; u++) {
                    if (random.nextDouble() < p) {
                        a.add(id++).add(ts(instant(day, random))).add(userId[u]).add(tenantId[userTenant[u]]).add("auth.login")
                                .add("user").add(userId[u]).add("bench").add("bench").end();
                    }
                }
            }
            System.out.printf("  audit records (sign-ins) %,d%n", a.rows);
        }
    }

    static void recalls(String url, LocalDate first, int days, SplittableRandom random) throws Exception {
        Ids ids = new Ids(30, random);
        long end = first.plusDays(days).atStartOfDay(AnalyticsCalendar.ZONE).toEpochSecond() - 60;
        try (Copy r = new Copy(url, "recalls", "id, medicine_id, all_batches, recall_class, level, reason_en, reason_ar, "
                + "instructions_en, instructions_ar, start_date, status, fanout_status, created_at, updated_at");
             Copy s = new Copy(url, "recall_steps", "recall_id, status, at");
             Copy a = new Copy(url, "recall_acknowledgements", "recall_id, tenant_id, status, acknowledged_at, created_at")) {
            for (int i = 0; i < 120; i++) {
                UUID id = ids.next();
                LocalDate day = first.plusDays(random.nextInt(days));
                long at = instant(day, random);
                double c = random.nextDouble();
                r.add(id).add(medicineId[pick(medicineCdf, random)]).add("t").add(c < 0.15 ? "I" : c < 0.75 ? "II" : "III")
                        .add("retail").add("Benchmark").add("اختبار").add("Quarantine").add("اعزل").add(day).add("active")
                        .add("done").add(ts(at - 2 * 86400)).add(ts(at)).end();
                s.add(id).add("draft").add(ts(at - 2 * 86400)).end();
                s.add(id).add("active").add(ts(at)).end();
                for (int t = 0; t < tenants; t++) {
                    if (tenantType[t].equals("clinic")) {
                        continue;
                    }
                    boolean acknowledged = random.nextDouble() < 0.7;
                    long ackAt = Math.min(end, at + 3600 + random.nextInt(5 * 86400));
                    a.add(id).add(tenantId[t]).add(acknowledged ? "acknowledged" : "pending").add(acknowledged ? ts(ackAt) : null)
                            .add(ts(at + 300)).end();
                }
            }
            System.out.printf("  recalls %d, tasks %,d%n", r.rows, a.rows);
        }
    }

    /** The API's questions over the built facts: first answer (from PostgreSQL) and the next (from the cache). */
    static void apiQueries(DataSource app) throws Exception {
        var jdbi = org.jdbi.v3.core.Jdbi.create(app);
        var analytics = new ai.healthflow.analytics.AnalyticsService(new ai.healthflow.platform.db.Db(jdbi), Clock.systemUTC());
        var regulator = new ai.healthflow.platform.auth.Caller(UUID.randomUUID(), "officer@bench", "Officer", UUID.randomUUID(),
                "Regulator", "eda_officer", 1, java.util.Set.of("analytics:read"), UUID.randomUUID(), java.time.Instant.now());
        UUID hospital = tenantId[prescribers[0]];
        var admin = new ai.healthflow.platform.auth.Caller(UUID.randomUUID(), "admin@bench", "Admin", hospital,
                "Bench hospital", "tenant_admin", 2, java.util.Set.of("tenant:analytics:read"), UUID.randomUUID(), java.time.Instant.now());
        var range = ai.healthflow.analytics.TimeRange.YEAR;
        List<Object[]> questions = List.of(
                new Object[]{"regulator system 1y", (java.util.function.Supplier<Object>) () -> analytics.system(regulator, range, null)},
                new Object[]{"regulator prescriptions 1y by week", (java.util.function.Supplier<Object>) () -> analytics.prescriptions(regulator, range, ai.healthflow.analytics.GroupBy.WEEK, null, 50)},
                new Object[]{"regulator prescriptions 1y by tenant", (java.util.function.Supplier<Object>) () -> analytics.prescriptions(regulator, range, ai.healthflow.analytics.GroupBy.TENANT, null, 50)},
                new Object[]{"regulator prescriptions 1y by medicine", (java.util.function.Supplier<Object>) () -> analytics.prescriptions(regulator, range, ai.healthflow.analytics.GroupBy.MEDICINE, null, 50)},
                new Object[]{"regulator adverse events 1y by atc3", (java.util.function.Supplier<Object>) () -> analytics.adverseEvents(regulator, range, ai.healthflow.analytics.GroupBy.ATC3, null, 50)},
                new Object[]{"tenant admin prescriptions 1y by medicine", (java.util.function.Supplier<Object>) () -> analytics.prescriptions(admin, range, ai.healthflow.analytics.GroupBy.MEDICINE, null, 50)},
                new Object[]{"tenant admin adverse events 1y by atc2", (java.util.function.Supplier<Object>) () -> analytics.adverseEvents(admin, range, ai.healthflow.analytics.GroupBy.ATC2, null, 50)});
        for (Object[] q : questions) {
            @SuppressWarnings("unchecked")
            var question = (java.util.function.Supplier<Object>) q[1];
            long t0 = System.nanoTime();
            question.get();
            long t1 = System.nanoTime();
            question.get();
            long t2 = System.nanoTime();
            System.out.printf("API %-44s first %6.0f ms, cached %5.2f ms%n", q[0], (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    // ------------------------------------------------------------------------------------------ write-path cost

    /**
     * The change-mark triggers' cost on the hot writes, measured on this database: the service's prescription
     * creation (one prescription, three items in one batch) and dispensing (dispensing, its items, the items'
     * dispensed quantities, the prescription's status) as single transactions, alternately with the analytics
     * triggers enabled and disabled.
     */
    static void writePathCost(DataSource app, LocalDate today) throws Exception {
        int rounds = 12, perRound = 100;
        List<double[]> on = new ArrayList<>(), off = new ArrayList<>(); // per round: mean create, mean dispense (µs)
        SplittableRandom random = new SplittableRandom(System.nanoTime()); // fresh ids on a database used before
        Ids rxIds = new Ids(40, random), itemIds = new Ids(41, random), dispIds = new Ids(42, random);
        long codes = (1L << 39) + random.nextInt(1 << 30); // above any generated code, within the 40 bits of a code
        long issued = today.atStartOfDay(AnalyticsCalendar.ZONE).toEpochSecond() - 3600;
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('app.all_tenants', 'on', false)");
            }
            c.commit();
            for (int round = 0; round < rounds * 2; round++) {
                boolean enabled = round % 4 == 0 || round % 4 == 3; // on, off, off, on, …: drifts cancel out
                toggleTriggers(enabled);
                long create = 0, dispense = 0;
                for (int i = 0; i < perRound; i++) {
                    int t = prescribers[random.nextInt(prescribers.length)];
                    UUID rx = rxIds.next();
                    UUID[] items = {itemIds.next(), itemIds.next(), itemIds.next()};
                    long t0 = System.nanoTime();
                    try (PreparedStatement p = c.prepareStatement("""
                            INSERT INTO prescriptions (id, code, tenant_id, patient_id, prescriber_id, issued_at, expires_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, now(), now() + interval '30 days', now())""")) {
                        p.setObject(1, rx);
                        p.setString(2, code(codes++));
                        p.setObject(3, tenantId[t]);
                        p.setObject(4, patientId[firstPatient[t]]);
                        p.setObject(5, userId[firstUser[t]]);
                        p.executeUpdate();
                    }
                    try (PreparedStatement p = c.prepareStatement("""
                            INSERT INTO prescription_items (id, prescription_id, position, medicine_id, dose, frequency, duration_days, quantity)
                            VALUES (?, ?, ?, ?, '1 tablet', 'twice daily', 5, 10)""")) {
                        for (int k = 0; k < 3; k++) {
                            p.setObject(1, items[k]);
                            p.setObject(2, rx);
                            p.setInt(3, k);
                            p.setObject(4, medicineId[k * 7]);
                            p.addBatch();
                        }
                        p.executeBatch();
                    }
                    c.commit();
                    long t1 = System.nanoTime();
                    int ph = pharmacies[random.nextInt(pharmacies.length)];
                    UUID dispensing = dispIds.next();
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO dispensings (id, prescription_id, tenant_id, pharmacist_id, dispensed_at) VALUES (?, ?, ?, ?, now())")) {
                        p.setObject(1, dispensing);
                        p.setObject(2, rx);
                        p.setObject(3, tenantId[ph]);
                        p.setObject(4, userId[firstUser[ph] + 1]);
                        p.executeUpdate();
                    }
                    for (int k = 0; k < 3; k++) {
                        try (PreparedStatement p = c.prepareStatement("""
                                INSERT INTO dispensing_items (dispensing_id, item_id, medicine_id, quantity, batch_number, substituted)
                                VALUES (?, ?, ?, 10, 'B1', false)""")) {
                            p.setObject(1, dispensing);
                            p.setObject(2, items[k]);
                            p.setObject(3, medicineId[k * 7]);
                            p.executeUpdate();
                        }
                        try (PreparedStatement p = c.prepareStatement(
                                "UPDATE prescription_items SET quantity_dispensed = quantity_dispensed + 10 WHERE id = ?")) {
                            p.setObject(1, items[k]);
                            p.executeUpdate();
                        }
                    }
                    try (PreparedStatement p = c.prepareStatement("UPDATE prescriptions SET status = 'dispensed', updated_at = now() WHERE id = ?")) {
                        p.setObject(1, rx);
                        p.executeUpdate();
                    }
                    c.commit();
                    long t2 = System.nanoTime();
                    create += t1 - t0;
                    dispense += t2 - t1;
                }
                if (round >= 4) { // the first four rounds warm up
                    (enabled ? on : off).add(new double[]{create / 1e3 / perRound, dispense / 1e3 / perRound});
                }
            }
        } finally {
            toggleTriggers(true);
        }
        double createOn = median(on, 0), createOff = median(off, 0), dispenseOn = median(on, 1), dispenseOff = median(off, 1);
        System.out.printf("WRITE PATH (median of %d rounds of %d transactions each way, triggers on vs off): create prescription "
                        + "%.0f vs %.0f µs (%+.0f µs); dispense %.0f vs %.0f µs (%+.0f µs); load %s%n", on.size(), perRound,
                createOn, createOff, createOn - createOff, dispenseOn, dispenseOff, dispenseOn - dispenseOff, load());
    }

    static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    static String ownerUrl;

    static void toggleTriggers(boolean enabled) throws SQLException {
        try (Connection c = DriverManager.getConnection(ownerUrl); Statement s = c.createStatement()) {
            for (String table : List.of("prescriptions", "prescription_items", "dispensings", "dispensing_items")) {
                for (String trigger : List.of("analytics_mark_insert", "analytics_mark_delete", "analytics_mark_update")) {
                    s.execute("ALTER TABLE " + table + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER " + trigger);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
