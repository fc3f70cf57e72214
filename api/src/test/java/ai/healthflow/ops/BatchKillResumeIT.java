package ai.healthflow.ops;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8 at the service level: {@code batch run analytics-daily} (what a CronJob runs) is killed with
 * {@code kill -9} in the middle of a range rebuild and run again; the second run resumes the same job instance
 * and the facts equal those of an uninterrupted run. {@code BatchEngineIT} proves the engine's recovery in detail
 * (heartbeat, stale runs, exactly-once chunks); this covers the command line path and a real job on top of it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchKillResumeIT {
    static final TestApp.Extension APP = TestApp.create();
    static final int DAYS = 3000;

    @Test
    void aKilledCliRunIsResumedByTheNextRunWithTheResultOfAnUninterruptedOne() throws Exception {
        LocalDate to = LocalDate.now(ZoneId.of("Africa/Cairo")); // the demo data are recent; nothing writes between runs
        LocalDate from = to.minusDays(DAYS - 1);
        prescribe(); // facts for today: the demo data hold no prescriptions
        // given the facts an uninterrupted run builds for from..to
        Outcome reference = batch("run", "analytics-daily", "from=" + from, "to=" + to).waitFor();
        assertThat(reference.exit()).as(reference.output()).isZero();
        String expected = facts(from, to);
        assertThat(count("SELECT sum(fact_rows) FROM analytics_days")).as("the demo data give facts").isPositive();

        // when a run of a new range (one more day, so a new job instance) over deleted facts is killed midway
        LocalDate wider = from.minusDays(1);
        deleteFacts(wider, to);
        Run run = batch("run", "analytics-daily", "from=" + wider, "to=" + to);
        Process child = run.process();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (built(wider, to) < 50 && System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as(() -> "still running when 50 days were built; its output: "
                    + readQuietly(run.log())).isTrue();
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, the run stays STARTED in the repository
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long builtWhenKilled = built(wider, to);
        assertThat(builtWhenKilled).as("killed midway").isBetween(50L, (long) DAYS);
        long killed = count("""
                SELECT max(e.job_execution_id) FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE i.job_name = 'analytics-daily'""");
        assertThat(count("SELECT count(*) FROM batch_job_execution WHERE status = 'STARTED' AND job_execution_id = "
                + killed)).isEqualTo(1);
        long instance = count("SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = " + killed);
        Thread.sleep(2500); // past staleAfter (2 s here): the killed run's heartbeat has stopped

        // then running it again resumes that instance and completes it
        Outcome resumed = batch("run", "analytics-daily", "from=" + wider, "to=" + to).waitFor();
        assertThat(resumed.exit()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("\"status\" : \"COMPLETED\"");
        assertThat(number(resumed.output(), "restartOf")).isEqualTo(killed);
        assertThat(number(resumed.output(), "instanceId")).isEqualTo(instance);
        assertThat(count("SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED' AND job_execution_id = "
                + killed)).as("the killed run is marked failed").isEqualTo(1);

        // and the facts are exactly those of the uninterrupted run, every day once
        assertThat(built(wider, to)).isEqualTo(DAYS + 1);
        assertThat(facts(from, to)).isEqualTo(expected);
        System.out.printf("BatchKillResumeIT: analytics-daily over %d days killed after %d days, resumed as a "
                + "restart of execution %d; facts equal to an uninterrupted run%n", DAYS + 1, builtWhenKilled, killed);
    }

    private static void prescribe() {
        Http http = APP.http();
        Http.Response medicine = http.postAs(Demo.OFFICER.login(http), "/api/v2/medicines", """
                {"registrationNo":"EG-KIL1","tradeNameEn":"Killol","tradeNameAr":"كيلول","genericNameEn":"paracetamol",
                 "genericNameAr":"باراسيتامول","strength":"500 mg","dosageForm":"tablet","route":"oral","manufacturer":"Pharco","priceEgp":25}""");
        assertThat(medicine.status()).as(medicine.body()).isEqualTo(201);
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        Http.Response patient = http.postAs(doctor, "/api/v2/patients/register", """
                {"nationalId":"28001010100121","nameEn":"Salma Hassan","nameAr":"سلمى حسن","dateOfBirth":"1980-01-01","sex":"female"}""");
        assertThat(patient.status()).as(patient.body()).isEqualTo(201);
        Http.Response prescription = http.postAs(doctor, "/api/v2/prescriptions", """
                {"patientId":"%s","allowSubstitution":true,"items":[{"medicineId":"%s","dose":"1 tablet",
                 "frequency":"once daily","durationDays":10,"quantity":10,"instructionsAr":"بعد الأكل"}]}"""
                .formatted(patient.json().at("/data/id").asText(), medicine.json().at("/data/id").asText()));
        assertThat(prescription.status()).as(prescription.body()).isEqualTo(201);
    }

    record Outcome(int exit, String output) {
    }

    record Run(Process process, Path log) {
        Outcome waitFor() throws Exception {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("finished in 5 min").isTrue();
            return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** As a CronJob runs it: {@code java -jar healthflow.jar batch … <config>}, in a JVM of its own. */
    private static Run batch(String... words) throws Exception {
        var db = APP.database();
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Ddw.database.dataSource.url=" + db.url(), "-Ddw.database.dataSource.user=" + db.user(),
                "-Ddw.database.dataSource.password=" + (db.password() == null ? "" : db.password()),
                "-Ddw.home=" + APP.getConfiguration().home(),
                "-Ddw.batch.heartbeatEvery=500ms", "-Ddw.batch.staleAfter=2s",
                "-cp", System.getProperty("java.class.path"), HealthFlowApplication.class.getName(), "batch"));
        command.addAll(List.of(words));
        command.add(TestApp.configFile("test.yml").toString());
        Path log = Files.createTempFile("batch-cli", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        return new Run(process, log);
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static long number(String output, String field) {
        var matcher = Pattern.compile("\"" + field + "\" : (\\d+)").matcher(output);
        assertThat(matcher.find()).as("%s in %s", field, output).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Every fact of the days, in a fixed order, as one digest (build times and run ids left out). */
    private static String facts(LocalDate from, LocalDate to) throws Exception {
        StringBuilder digests = new StringBuilder();
        for (String table : List.of("analytics_daily_national", "analytics_daily_tenant", "analytics_daily_medicine")) {
            digests.append(text("SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + table
                    + " t WHERE day BETWEEN '" + from + "' AND '" + to + "'")).append(' ');
        }
        digests.append(text("SELECT md5(string_agg(day || ':' || fact_rows, ',' ORDER BY day)) FROM analytics_days "
                + "WHERE day BETWEEN '" + from + "' AND '" + to + "'"));
        return digests.toString();
    }

    private static long built(LocalDate from, LocalDate to) throws Exception {
        return count("SELECT count(*) FROM analytics_days WHERE day BETWEEN '" + from + "' AND '" + to + "'");
    }

    private static void deleteFacts(LocalDate from, LocalDate to) throws Exception {
        try (Connection connection = APP.superuser(); var statement = connection.createStatement()) {
            for (String table : List.of("analytics_daily_national", "analytics_daily_tenant", "analytics_daily_medicine",
                    "analytics_days")) {
                statement.execute("DELETE FROM " + table + " WHERE day BETWEEN '" + from + "' AND '" + to + "'");
            }
        }
    }

    private static long count(String sql) throws Exception {
        return APP.count(sql);
    }

    private static String text(String sql) throws Exception {
        try (Connection connection = APP.superuser(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
