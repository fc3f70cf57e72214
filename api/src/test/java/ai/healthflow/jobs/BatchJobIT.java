package ai.healthflow.jobs;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.batch.analytics.AnalyticsCalendar;
import ai.healthflow.batch.engine.BatchScheduler;
import ai.healthflow.batch.engine.Schedule;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch jobs through the API, the CLI and the schedule, one engine behind all three: every job of issue #7
 * (analytics-daily, signal-detection, report-export, safety-summary) is run each way to COMPLETED and its results
 * checked against what it wrote.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchJobIT {
    static final TestApp.Extension APP = TestApp.create();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void operatorsListJobsWithTheirSchedulesOthersAreRefused() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);

        JsonNode jobs = http.getAs(admin, "/api/v2/batch/jobs").json().get("data");

        JsonNode audit = null;
        for (JsonNode job : jobs) {
            if (job.get("name").asText().equals("audit-verify")) {
                audit = job;
            }
        }
        assertThat(audit).as("audit-verify listed").isNotNull();
        assertThat(audit.at("/schedules/0/cron").asText()).isEqualTo("0 15 2 * * *");
        assertThat(audit.at("/schedules/0/zone").asText()).isEqualTo("Africa/Cairo");
        assertThat(http.getAs(Demo.CAIRO_DOCTOR.login(http), "/api/v2/batch/jobs").status()).isEqualTo(403);
        assertThat(http.getAs(Demo.OFFICER.login(http), "/api/v2/batch/jobs").status()).isEqualTo(403);
        assertThat(http.get("/api/v2/batch/jobs").status()).isEqualTo(401);
    }

    @Test
    void aRunStartedOverHttpIsFollowedToItsEndWithResults() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);

        Http.Response started = http.postAs(admin, "/api/v2/batch/jobs/audit-verify/runs", "{}");

        assertThat(started.status()).isEqualTo(202);
        long id = started.json().at("/data/id").asLong();
        assertThat(started.header("Location")).endsWith("/api/v2/batch/jobs/audit-verify/runs/" + id);
        JsonNode run = follow(http, admin, "audit-verify", id);
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("exitCode").asText()).isEqualTo("COMPLETED");
        assertThat(run.at("/results/valid").asText()).isEqualTo("true");
        assertThat(run.at("/results/checked").asLong()).as("the audit log has records").isPositive();
        assertThat(run.at("/steps/0/name").asText()).isEqualTo("audit-verify");
        assertThat(run.get("durationMs").asLong()).isNotNegative();
        assertThat(run.get("errors")).isEmpty();

        JsonNode runs = http.getAs(admin, "/api/v2/batch/jobs/audit-verify/runs").json().get("data");
        assertThat(runs.get(0).get("id").asLong()).as("newest first").isEqualTo(id);
        assertThat(http.getAs(admin, "/api/v2/audit-logs?action=batch.run_started").json().at("/data/0/entityId").asText())
                .isEqualTo(String.valueOf(id));
        assertThat(http.postAs(Demo.OFFICER.login(http), "/api/v2/batch/jobs/audit-verify/runs", "{}").status())
                .as("system:write only").isEqualTo(403);
    }

    @Test
    void wrongJobsParametersAndRunsAreProblemsNamingTheCulprit() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);

        Http.Response unknown = http.postAs(admin, "/api/v2/batch/jobs/nightly-magic/runs", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).contains("nightly-magic");

        Http.Response badParameter = http.postAs(admin, "/api/v2/batch/jobs/audit-verify/runs",
                "{\"parameters\":{\"since\":\"yesterday\"}}");
        assertThat(badParameter.status()).isEqualTo(422);
        assertThat(badParameter.json().at("/errors/0/field").asText()).isEqualTo("parameters.since");

        assertThat(http.getAs(admin, "/api/v2/batch/jobs/audit-verify/runs/abc").status()).isEqualTo(400);
        assertThat(http.getAs(admin, "/api/v2/batch/jobs/audit-verify/runs/999999").status()).isEqualTo(404);
        long id = http.postAs(admin, "/api/v2/batch/jobs/audit-verify/runs", "{}").json().at("/data/id").asLong();
        follow(http, admin, "audit-verify", id);
        assertThat(http.getAs(admin, "/api/v2/batch/jobs/nightly-magic/runs/" + id).status())
                .as("a run is found under its own job only").isEqualTo(404);
    }

    @Test
    void theCliRunsAJobToItsEndAndExitsNonZeroWhenItCannot() throws Exception {
        CommandOutcome ok = batch("run", "audit-verify");
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("\"status\" : \"COMPLETED\"").contains("\"valid\" : \"true\"");

        CommandOutcome list = batch("list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("audit-verify\t");

        CommandOutcome unknown = batch("run", "nightly-magic");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("nightly-magic");

        CommandOutcome badParameter = batch("run", "audit-verify", "since=yesterday");
        assertThat(badParameter.exitCode()).isNotZero();
        assertThat(badParameter.output()).contains("since");
    }

    // ---- issue #7: each of the four jobs by API, CLI and schedule, through the one engine of the service

    /** How a test starts a job and follows it to its end: the run as the API reports it. */
    interface Start {
        JsonNode run(String job, Map<String, String> parameters) throws Exception;
    }

    @Test
    void everyJobStartedOverTheApiCompletesWithItsResults() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        everyJobCompletes((job, parameters) -> overApi(http, admin, job, parameters));
    }

    /** The commands of docs/batch.md and docs/reports.md, as a CronJob or an operator types them. */
    @Test
    void everyJobRunFromTheCliExitsZeroAndIsRecordedCompleted() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        everyJobCompletes((job, parameters) -> overCli(http, admin, job, parameters));
    }

    /** The four jobs, each with the parameters an operator would give it today, started one way. */
    private static void everyJobCompletes(Start start) throws Exception {
        seed();
        LocalDate today = AnalyticsCalendar.today(Clock.systemUTC());
        String asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String month = YearMonth.now(AnalyticsCalendar.ZONE).toString();
        String request = queuedReport("medicine-registry");

        checkAnalytics(start.run("analytics-daily", Map.of("from", today.minusDays(1).toString(),
                "to", today.toString())), 2);
        checkSignals(start.run("signal-detection", Map.of("asOf", asOf)), asOf);
        checkReport(start.run("report-export", Map.of("requestId", request)), request);
        checkSafetySummary(start.run("safety-summary", Map.of("month", month)), month, true);
    }

    @Test
    void aCliRunThatFailsAtRunTimeExitsNonZeroAndIsRecordedFailed() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        // a request of a report whose definition has since been removed: requestId is a valid parameter, the export
        // refuses the request when it runs
        String request = queuedReport("retired-report");

        CommandOutcome failed = batch("run", "report-export", "requestId=" + request);

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.output()).contains("\"status\" : \"FAILED\"")
                .contains("Batch job report-export ended FAILED");
        JsonNode run = recorded(http, admin, "report-export", failed);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("FAILED");
        assertThat(run.at("/parameters/requestId").asText()).isEqualTo(request);
        assertThat(run.at("/errors/0").asText()).contains("'retired-report' is no longer defined");
        assertThat(APP.count("SELECT count(*) FROM report_requests WHERE status = 'failed' AND id = '" + request
                + "' AND error LIKE '%no longer defined%'")).as("the request failed with a sentence").isEqualTo(1);
    }

    @Test
    void aReportExportOfARequestThatDoesNotExistFails() throws Exception {
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        String missing = UUID.randomUUID().toString();

        Http.Response started = http.postAs(admin, "/api/v2/batch/jobs/report-export/runs",
                "{\"parameters\":{\"requestId\":\"" + missing + "\"}}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = follow(http, admin, "report-export", started.json().at("/data/id").asLong());
        assertThat(run.get("status").asText()).as("a mistyped id is not a success: " + run).isEqualTo("FAILED");
        assertThat(run.at("/errors/0").asText()).contains("There is no report request " + missing);
    }

    /**
     * Each firing goes through {@code BatchScheduler.fire}, the path the scheduler's tick takes: the configured
     * schedules of config/test.yml, and for report-export (launched by report requests, scheduled nowhere) a schedule
     * built as the configuration would build it.
     */
    @Test
    void everyJobFiredByItsScheduleRunsOnceAndCompletes() throws Exception {
        seed();
        Http http = APP.http();
        String admin = Demo.SUPER_ADMIN.login(http);
        BatchScheduler scheduler = runtime().scheduler();
        Map<String, Schedule> configured = new HashMap<>();
        scheduler.schedules().forEach(s -> configured.put(s.job(), s));
        assertThat(configured).containsKeys("analytics-daily", "signal-detection", "safety-summary");
        String request = queuedReport("medicine-registry");
        Schedule reportExport = Schedule.of("report-export", "0 0 3 * * *", "Africa/Cairo", Map.of("requestId", request));

        checkAnalytics(fired(http, admin, scheduler, configured.get("analytics-daily")), -1);
        checkSignals(fired(http, admin, scheduler, configured.get("signal-detection")), null);
        checkReport(fired(http, admin, scheduler, reportExport), request);
        checkSafetySummary(fired(http, admin, scheduler, configured.get("safety-summary")),
                YearMonth.now(AnalyticsCalendar.ZONE).minusMonths(1).toString(), false);
    }

    private static JsonNode overApi(Http http, String admin, String job, Map<String, String> parameters)
            throws Exception {
        Http.Response started = http.postAs(admin, "/api/v2/batch/jobs/" + job + "/runs",
                JSON.writeValueAsString(Map.of("parameters", parameters)));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = follow(http, admin, job, started.json().at("/data/id").asLong());
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        parameters.forEach((key, value) -> assertThat(run.at("/parameters/" + key).asText()).isEqualTo(value));
        return run;
    }

    /** {@code batch run <job> key=value…} in a child JVM. */
    private static JsonNode overCli(Http http, String admin, String job, Map<String, String> parameters) throws Exception {
        List<String> words = new ArrayList<>(List.of("run", job));
        parameters.forEach((key, value) -> words.add(key + "=" + value));
        CommandOutcome outcome = batch(words.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("\"job\" : \"" + job + "\"").contains("\"status\" : \"COMPLETED\"");
        JsonNode run = recorded(http, admin, job, outcome);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        parameters.forEach((key, value) -> assertThat(run.at("/parameters/" + key).asText()).isEqualTo(value));
        return run;
    }

    /** The run the CLI printed, as the service's engine reads it back from the job repository. */
    private static JsonNode recorded(Http http, String admin, String job, CommandOutcome outcome) {
        Matcher printed = Pattern.compile("\\{\\s*\"id\" : (\\d+),\\s*\"instanceId\"").matcher(outcome.output());
        assertThat(printed.find()).as("the run printed as JSON: " + outcome.output()).isTrue();
        Http.Response response = http.getAs(admin, "/api/v2/batch/jobs/" + job + "/runs/" + printed.group(1));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data");
    }

    private static JsonNode fired(Http http, String admin, BatchScheduler scheduler, Schedule schedule) throws Exception {
        String job = schedule.job();
        Instant firing = schedule.nextAfter(Instant.now());
        long before = APP.count("""
                SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE i.job_name = '%s'""".formatted(job));

        long id = scheduler.fire(schedule, firing);

        assertThat(id).as("this replica claimed the firing of " + job).isPositive();
        assertThat(scheduler.fire(schedule, firing)).as("a firing is claimed once").isEqualTo(-1);
        JsonNode run = follow(http, admin, job, id);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(APP.count("""
                SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE i.job_name = '%s'""".formatted(job))).as("one run of " + job).isEqualTo(before + 1);
        assertThat(APP.count("SELECT job_execution_id FROM batch_schedule_fires WHERE job_name = '" + job
                + "' AND fire_time = '" + firing + "'")).as("the firing names its run").isEqualTo(id);
        schedule.parameters().forEach((key, value) -> assertThat(run.at("/parameters/" + key).asText()).isEqualTo(value));
        return run;
    }

    /**
     * @param days the days the run was asked to build, or -1 for an incremental run (today at least: it is still
     *             open, and the audit log has rows today)
     */
    private static void checkAnalytics(JsonNode run, int days) throws Exception {
        LocalDate today = AnalyticsCalendar.today(Clock.systemUTC());
        long built = run.at("/results/days").asLong();
        if (days >= 0) {
            assertThat(built).as(run.toString()).isEqualTo(days);
            assertThat(run.at("/results/oldestDay").asText()).isEqualTo(today.minusDays(days - 1).toString());
        } else {
            assertThat(built).as(run.toString()).isPositive();
        }
        assertThat(run.at("/results/newestDay").asText()).isEqualTo(today.toString());
        assertThat(APP.count("SELECT count(*) FROM analytics_days WHERE job_execution_id = " + run.get("id").asLong()))
                .as("the days this run built").isEqualTo(built);
        assertThat(APP.count("SELECT coalesce(sum(adverse_events), 0) FROM analytics_daily_tenant WHERE day = '"
                + today + "'")).as("today's adverse events in the facts")
                .isEqualTo(APP.count("SELECT count(*) FROM adverse_events WHERE hf_analytics_day(received_at) = '"
                        + today + "'")).isPositive();
    }

    /** @param asOf the snapshot asked for, or null for the default (a minute before the run) */
    private static void checkSignals(JsonNode run, String asOf) throws Exception {
        JsonNode results = run.get("results");
        if (asOf != null) {
            assertThat(Instant.parse(results.get("asOf").asText())).isEqualTo(Instant.parse(asOf));
        }
        long reports = results.get("reports").asLong();
        assertThat(reports).as("N: the reports received up to asOf").isEqualTo(APP.count(
                "SELECT count(*) FROM adverse_events WHERE received_at <= '" + results.get("asOf").asText() + "'"));
        if (asOf != null) {
            assertThat(reports).as(run.toString()).isPositive();
            assertThat(results.get("pairs").asLong()).as(run.toString()).isPositive();
        }
        long signalRun = results.get("runId").asLong();
        assertThat(APP.count("SELECT count(*) FROM signal_runs WHERE status = 'completed' AND id = " + signalRun
                + " AND job_instance_id = " + run.get("instanceId").asLong() + " AND reports = " + reports
                + " AND pairs = " + results.get("pairs").asLong())).as("the signal run it wrote").isEqualTo(1);
        assertThat(run.get("steps")).as("open, count, analyze, score, complete, notify and the partitions")
                .hasSizeGreaterThanOrEqualTo(6);
    }

    private static void checkReport(JsonNode run, String request) throws Exception {
        assertThat(run.at("/results/status").asText()).as(run.toString()).isEqualTo("completed");
        long rows = run.at("/results/rows").asLong();
        long size = run.at("/results/sizeBytes").asLong();
        assertThat(rows).as("the registry has the seeded medicine").isPositive();
        assertThat(run.get("itemsWritten").asLong()).isEqualTo(rows);
        assertThat(APP.count("SELECT count(*) FROM report_requests WHERE status = 'completed' AND id = '" + request
                + "' AND row_count = " + rows + " AND size_bytes = " + size)).as("the request completed").isEqualTo(1);
        Path file = APP.getConfiguration().home().resolve("reports").resolve(request + ".csv");
        assertThat(file).exists();
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.readAllLines(file)).hasSize((int) rows + 1); // the header, then one line per medicine
    }

    /** @param seeded the month holds the seeded report, so the summary has a row */
    private static void checkSafetySummary(JsonNode run, String month, boolean seeded) throws Exception {
        JsonNode results = run.get("results");
        assertThat(results.get("month").asText()).as(run.toString()).isEqualTo(month);
        assertThat(results.get("groupBy").asText()).isEqualTo("ingredient");
        if (seeded) {
            assertThat(results.get("rows").asLong()).as(run.toString()).isPositive();
        }
        Path directory = APP.getConfiguration().home().resolve("reports").resolve("safety-summaries");
        for (String language : List.of("En", "Ar")) {
            String name = results.get("file" + language).asText();
            assertThat(name).isEqualTo("safety-summary-" + month + "-" + language.toLowerCase(Locale.ROOT) + ".pdf");
            assertThat(directory.resolve(name)).exists();
            assertThat(Files.size(directory.resolve(name))).isEqualTo(results.get("sizeBytes" + language).asLong())
                    .isPositive();
        }
    }

    /** A request whose launch never happened (as after a crash), left queued for the job to render. */
    private static String queuedReport(String type) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("""
                    INSERT INTO report_requests (id, requester_id, requester_email, tenant_id, data_scope, type, format,
                                                 language, params, created_at, updated_at)
                    SELECT '%s', u.id, u.email, m.tenant_id, 'all', '%s', 'csv', 'en', '{}', now(), now()
                      FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = '%s'
                    """.formatted(id, type, Demo.OFFICER.email));
        }
        return id;
    }

    private static boolean seeded;

    /** A medicine in the registry and an adverse-event report on it today, for the jobs to find. */
    private static synchronized void seed() {
        if (seeded) {
            return;
        }
        Http http = APP.http();
        Http.Response medicine = http.postAs(Demo.OFFICER.login(http), "/api/v2/medicines", """
                {"registrationNo":"BATCH-1","tradeNameEn":"Batchol","tradeNameAr":"باتشول","genericNameEn":"batcholin",
                 "genericNameAr":"مادة","strength":"10 mg","dosageForm":"tablet","route":"oral","manufacturer":"Pharco"}""");
        assertThat(medicine.status()).as(medicine.body()).isEqualTo(201);
        Http.Response report = http.postAs(Demo.CAIRO_DOCTOR.login(http), "/api/v2/adverse-events", """
                {"patient":{"initials":"BJ","ageYears":40,"sex":"male"},
                 "suspectMedicines":[{"medicineId":"%s"}],
                 "reactions":[{"term":"Tremor","onsetDate":"2026-10-03","outcome":"recovering"}],
                 "seriousness":{"serious":false,"criteria":[]}}""".formatted(medicine.json().at("/data/id").asText()));
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        seeded = true;
    }

    /** The service's batch runtime: its engine and the scheduler its tick fires through. */
    private static BatchRuntime runtime() {
        return APP.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance).map(o -> ((JettyManaged) o).getManaged())
                .filter(BatchRuntime.class::isInstance).map(BatchRuntime.class::cast)
                .findFirst().orElseThrow();
    }

    record CommandOutcome(int exitCode, String output) {
    }

    /** As an operator or a CronJob runs it: {@code java -jar healthflow.jar batch … <config>}. */
    private static CommandOutcome batch(String... words) throws Exception {
        var db = APP.database();
        var command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Ddw.database.dataSource.url=" + db.url(), "-Ddw.database.dataSource.user=" + db.user(),
                "-Ddw.database.dataSource.password=" + (db.password() == null ? "" : db.password()),
                "-Ddw.home=" + APP.getConfiguration().home(),
                "-cp", System.getProperty("java.class.path"), HealthFlowApplication.class.getName(), "batch"));
        command.addAll(List.of(words));
        command.add(TestApp.configFile("test.yml").toString());
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CommandOutcome(process.exitValue(), output);
    }

    /** Reads the run over the API until it has ended (at most a minute). */
    private static JsonNode follow(Http http, String admin, String job, long id) throws Exception {
        JsonNode run = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Http.Response response = http.getAs(admin, "/api/v2/batch/jobs/" + job + "/runs/" + id);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            run = response.json().get("data");
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(job + " run " + id + " did not end: " + run);
    }
}
