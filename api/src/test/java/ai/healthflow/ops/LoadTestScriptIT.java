package ai.healthflow.ops;

import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/scripts/load-test against a locally started service: a short run of the Gatling simulation (the
 * runbook's mix) that completes without errors and prints its figures, and fails on a throughput target it cannot
 * reach, naming the assertion. The figures of a real run are in docs/operations.md; this only proves the tool.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoadTestScriptIT {
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("http.rateLimitPerMinute", "100000"), // the load must not meet the limiter
            ConfigOverride.config("bootstrap.demoRegistry", "true"));

    @Test
    void aShortRunMeasuresTheMixAndFailsBelowTheThroughputTarget() throws Exception {
        Path script = Path.of("../deploy/scripts/load-test").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "http://localhost:" + APP.getLocalPort())
                .redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of("LOAD_USERS", "2", "LOAD_DURATION", "5", "LOAD_RAMP", "1",
                "LOAD_MIN_RPS", "1000000", "LOAD_P50_MS", "60000", "LOAD_P95_MS", "60000", "LOAD_P99_MS", "60000"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).containsPattern("requests \\d+, errors 0 \\(0\\.000 %\\)")
                .containsPattern("p50 \\d+ ms, p95 \\d+ ms, p99 \\d+ ms")
                .containsPattern("throughput [\\d.]+ requests/s")
                .contains("percentage of successful events is greater than 99.9 : true")
                .contains("mean requests per second is greater than 1000000.0 : false")
                .contains("FAIL load-test");
    }
}
