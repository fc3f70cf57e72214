package ai.healthflow.ops;

import ai.healthflow.ops.DeployScripts.Outcome;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/scripts/smoke-test} and {@code security-check} against the whole application on a fresh database
 * with the demo accounts and registry, over plain http on localhost. The anonymous rate limit is lowered so the
 * security check can pass it with few requests; that check runs last, since it leaves this address limited.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployScriptsIT {
    static final int RATE_LIMIT = 40;
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("http.rateLimitPerMinute", Integer.toString(RATE_LIMIT)),
            ConfigOverride.config("bootstrap.demoRegistry", "true"));
    static final List<String> SMOKE_STEPS = List.of("health", "ready", "login", "medicines-list", "search",
            "recalls-list", "interaction-check", "price-comparison", "analytics");

    static String base() {
        return "http://localhost:" + APP.getLocalPort();
    }

    static Map<String, String> smokeEnvironment(Demo account, String password) {
        var environment = new HashMap<String, String>();
        environment.put("SMOKE_EMAIL", account.email);
        environment.put("SMOKE_PASSWORD", password);
        environment.put("SMOKE_READY_WAIT", "60"); // the demo registry is indexed in the background after the start
        return environment;
    }

    @Test
    @Order(1)
    void theSmokeTestPassesEveryStepWithEitherJsonTool() {
        for (String tool : List.of("python3", "jq")) {
            if (!DeployScripts.installed(tool)) {
                continue; // the script needs one of them; python3 is on every build machine
            }
            var environment = smokeEnvironment(Demo.SUPER_ADMIN, Demo.SUPER_ADMIN.password);
            environment.put("CHECKS_JSON_TOOL", tool);

            Outcome outcome = DeployScripts.run("smoke-test", base(), environment);

            assertThat(outcome.exitCode()).as("%s:%n%s", tool, outcome.output()).isZero();
            for (int i = 0; i < SMOKE_STEPS.size(); i++) {
                assertThat(outcome.lines().get(i)).as(outcome.output())
                        .matches("ok " + SMOKE_STEPS.get(i) + " \\(\\d+ ms\\).*");
            }
            assertThat(outcome.output()).contains("hits for 'paracetamol'").contains("510 medicines");
            assertThat(outcome.last()).isEqualTo("smoke test passed: " + base());
        }
    }

    @Test
    @Order(2)
    void aWrongPasswordFailsAtLoginNamingTheStep() {
        Outcome outcome = DeployScripts.run("smoke-test", base(),
                smokeEnvironment(Demo.OFFICER, "Not-the-password-1"));

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.lines()).as(outcome.output()).hasSize(3);
        assertThat(outcome.lines().get(0)).startsWith("ok health");
        assertThat(outcome.lines().get(1)).startsWith("ok ready");
        assertThat(outcome.last()).startsWith("FAIL login: HTTP 401, expected 200").contains(Demo.OFFICER.email);
    }

    @Test
    @Order(3)
    void aSearchWithoutHitsFailsAtSearch() {
        var environment = smokeEnvironment(Demo.VIEWER, Demo.VIEWER.password);
        environment.put("SMOKE_SEARCH_QUERY", "qqzzxxv");

        Outcome outcome = DeployScripts.run("smoke-test", base(), environment);

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.last()).startsWith("FAIL search: no hit for 'qqzzxxv'");
    }

    @Test
    @Order(4)
    void nothingListeningFailsAtHealthAndBadUsageIsExitCode2() {
        String nowhere = "http://127.0.0.1:" + DeployScripts.closedPort();
        for (String script : List.of("smoke-test", "security-check")) {
            Outcome outcome = DeployScripts.run(script, nowhere, smokeEnvironment(Demo.SUPER_ADMIN, "x"));

            assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
            assertThat(outcome.last()).as(script)
                    .startsWith(script.equals("smoke-test") ? "FAIL health: no answer from " : "FAIL headers: no answer from ")
                    .contains(nowhere);
        }

        Outcome noUrl = DeployScripts.run("smoke-test", "ftp://example.org", Map.of());
        assertThat(noUrl.exitCode()).isEqualTo(2);
        assertThat(noUrl.output()).contains("usage: smoke-test <base-url>");
        Outcome noAccount = DeployScripts.run("smoke-test", base(), Map.of("SMOKE_EMAIL", ""));
        assertThat(noAccount.exitCode()).isEqualTo(2);
        assertThat(noAccount.output()).contains("SMOKE_EMAIL and SMOKE_PASSWORD");
    }

    @Test
    @Order(5)
    void theSecurityCheckFailsWhenTheForeignOriginIsAllowed() {
        // the portal origin of config/test.yml is allowed: posing as the "foreign" origin, it must be caught
        Outcome outcome = DeployScripts.run("security-check", base(),
                Map.of("SECURITY_FOREIGN_ORIGIN", "https://portal.healthflow.test"));

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.lines().getFirst()).startsWith("ok headers");
        assertThat(outcome.last()).isEqualTo("FAIL cors: the preflight from https://portal.healthflow.test got "
                + "Access-Control-Allow-Origin: https://portal.healthflow.test");
    }

    @Test
    @Order(6)
    void theSecurityCheckKeepsItsRequestCountBounded() {
        Outcome outcome = DeployScripts.run("security-check", base(), Map.of("SECURITY_MAX_REQUESTS", "5"));

        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(1);
        assertThat(outcome.last()).startsWith("FAIL rate-limit: ")
                .contains("limit of " + RATE_LIMIT + " a minute; SECURITY_MAX_REQUESTS is 5");
    }

    @Test
    @Order(7)
    void theSecurityCheckPassesAndSkipsTlsOverPlainHttp() {
        Outcome outcome = DeployScripts.run("security-check", base(),
                Map.of("SECURITY_ALLOWED_ORIGIN", "https://portal.healthflow.test"));

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        List<String> lines = outcome.lines();
        assertThat(lines.get(0)).matches("ok headers \\(\\d+ ms\\)");
        assertThat(lines.get(1)).matches("ok cors \\(\\d+ ms\\) \\(https://security-check.invalid refused, "
                + "https://portal.healthflow.test allowed\\)");
        assertThat(lines.get(2)).matches("ok unauthenticated \\(\\d+ ms\\)");
        assertThat(lines.get(3)).matches("ok rate-limit \\(\\d+ ms\\) \\(request \\d+ refused with a limit of "
                + RATE_LIMIT + " a minute, Retry-After \\d+ s.*");
        assertThat(lines.get(4)).startsWith("skip tls: " + base() + " is plain http");
        assertThat(outcome.last()).isEqualTo("security check passed: " + base());

        // and the service did refuse this address afterwards
        assertThat(APP.http().get("/api/v2/me").status()).isEqualTo(429);
    }
}
