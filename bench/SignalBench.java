import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.BatchSettings;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.batch.signal.SignalDetectionJob;
import ai.healthflow.batch.signal.SyntheticReports;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.Migrations;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.signal.SignalService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * signal-detection over N synthetic adverse-event reports (default 10 million over 5 000 ingredients × 2 000
 * reaction terms), through the batch engine as the service runs it (JDBC job repository, one partition thread per
 * core), on an embedded PostgreSQL 17 of its own. Then the list endpoint's queries (SignalService, without HTTP) over
 * the results. Run by bench/signals.sh:
 *   java -cp api/target/healthflow.jar:batch/target/test-classes bench/SignalBench.java <data dir> [reports] [ingredients] [reactions] [runs]
 *
 * The generator (batch/src/test/.../SyntheticReports) writes the reports with COPY straight into the service's
 * tables; a data directory that already holds the same volume is reused, so the job can be measured again without
 * generating again. Server settings: shared_buffers 1 GB, max_wal_size 8 GB, wal_level minimal (the generator's
 * COPY into tables it emptied in the same transaction then writes no WAL; the job's own writes are logged as
 * always), everything else PostgreSQL's defaults; the job sets its own work_mem (512 MB per partition).
 */
public class SignalBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int reports = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int ingredients = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int reactions = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String volume = reports + "/" + ingredients + "/" + reactions;
        Path marker = data.resolve("generated");
        boolean reuse = Files.exists(marker) && Files.readString(marker).strip().equals(volume);
        if (!reuse && Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data);
        Path pgdata = data.resolve("pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgdata).setCleanDataDirectory(false)
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("max_connections", "50")
                .start()) {
            DataSource db = postgres.getPostgresDatabase();
            if (reuse) {
                System.out.printf(Locale.ROOT, "data: reusing %s (%s reports / ingredients / reactions)%n", data, volume);
            } else {
                new Migrations(db).migrate();
                long t0 = System.nanoTime();
                SyntheticReports.Result generated = SyntheticReports.generate(db,
                        new SyntheticReports.Settings(reports, ingredients, reactions, 42));
                System.out.printf(Locale.ROOT, "generated %,d reports (%,d versions, %,d medicine rows, %,d reaction rows, "
                                + "%d planted associations) in %.0f s: COPY %.0f s, keys and indexes %.0f s%n",
                        generated.reports(), generated.versions(), generated.drugRows(), generated.reactionRows(),
                        generated.plantedPairs(), (System.nanoTime() - t0) / 1e9, generated.loadSeconds(),
                        generated.indexSeconds());
                Files.writeString(marker, volume);
            }
            System.out.println("database: " + query(db, "SELECT pg_size_pretty(pg_database_size(current_database()))"));

            int cores = Runtime.getRuntime().availableProcessors();
            var settings = new BatchSettings("signal-bench", Duration.ofSeconds(5), Duration.ofSeconds(30), 1, cores);
            try (var engine = new BatchEngine(db, Clock.systemUTC(), data.resolve("work"), settings,
                    List.of(new SignalDetectionJob((run, top) -> System.out.printf(Locale.ROOT,
                            "  notified: %,d new signals%s%n", run.newSignals(),
                            top.isEmpty() ? "" : ", most reported " + top.getFirst().ingredient() + " – "
                                    + top.getFirst().reaction() + " (a=" + top.getFirst().a() + ")"))))) {
                for (int i = 1; i <= runs; i++) {
                    String before = load();
                    long t0 = System.nanoTime();
                    JobRun run = engine.runToEnd(SignalDetectionJob.NAME, Map.of());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (!run.status().equals("COMPLETED")) {
                        throw new IllegalStateException("run " + run.id() + " " + run.status() + ": " + run.errors());
                    }
                    Map<String, String> r = run.results();
                    System.out.printf(Locale.ROOT, "signal-detection run %d: %.1f s on %d partitions (load before %s, after %s)%n",
                            i, seconds, cores, before, load());
                    System.out.printf(Locale.ROOT, "  N = %,d reports, %,d (ingredient, reaction) pairs, %,d signals, %,d new%n",
                            Long.parseLong(r.get("reports")), Long.parseLong(r.get("pairs")),
                            Long.parseLong(r.get("signals")), Long.parseLong(r.get("newSignals")));
                    for (JobRun.Step step : run.steps()) {
                        if (!step.name().contains(":")) {
                            System.out.printf(Locale.ROOT, "  %-34s %6.1f s%n", step.name(),
                                    step.durationMs() == null ? 0 : step.durationMs() / 1000.0);
                        }
                    }
                }
            }
            System.out.println("by criterion: " + query(db, """
                    SELECT string_agg(k || ' ' || n, ', ') FROM (
                      SELECT CASE WHEN signal_evans AND signal_ror_ic THEN 'both' WHEN signal_evans THEN 'Evans only'
                                  ELSE 'ROR/IC only' END AS k, count(*) AS n
                        FROM signal_results WHERE run_id = (SELECT max(id) FROM signal_runs) AND signal GROUP BY 1) q
                    """));

            // the list endpoint's queries over the latest run (service code and SQL, no HTTP)
            var service = new SignalService(new Db(Jdbi.create(db)));
            String ingredient = query(db, "SELECT name_en FROM ingredients ORDER BY name_en LIMIT 1 OFFSET 7");
            String reaction = query(db, "SELECT reaction FROM signal_results ORDER BY run_id DESC, a DESC LIMIT 1");
            time("list, default order, page 1 of all pairs", () -> service.list(
                    new SignalService.Query(null, null, false, false, null), PageRequest.parse(null, null, null)));
            time("list, only signals", () -> service.list(
                    new SignalService.Query(null, null, true, false, null), PageRequest.parse(null, null, null)));
            time("list, one ingredient (" + ingredient + ")", () -> service.list(
                    new SignalService.Query(ingredient, null, false, false, null), PageRequest.parse(null, null, null)));
            time("list, one reaction (" + reaction + ")", () -> service.list(
                    new SignalService.Query(null, reaction, false, false, null), PageRequest.parse(null, null, null)));
            time("list, sorted by PRR, page 50", () -> service.list(
                    new SignalService.Query(null, null, false, false, null), PageRequest.parse("50", "20", "prr,desc")));
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    /** Median of 11 calls after 3 warm-up calls. */
    static void time(String label, Call call) throws Exception {
        for (int i = 0; i < 3; i++) {
            call.run();
        }
        long[] ns = new long[11];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "  %-50s median %7.1f ms, max %7.1f ms%n", label, ns[5] / 1e6, ns[10] / 1e6);
    }

    static String query(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String load() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
