package ai.healthflow.jobs;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch jobs through the API and the CLI, one engine behind both. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchJobIT {
    static final TestApp.Extension APP = TestApp.create();

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
        JsonNode run = follow(http, admin, id);
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
        follow(http, admin, id);
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

    private static JsonNode follow(Http http, String admin, long id) throws Exception {
        JsonNode run = null;
        for (int i = 0; i < 300; i++) {
            run = http.getAs(admin, "/api/v2/batch/jobs/audit-verify/runs/" + id).json().get("data");
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + id + " did not end: " + run);
    }
}
