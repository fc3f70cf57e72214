package ai.healthflow.platform.config;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the real service process on config/production.yml with chosen environments: it must refuse to start. */
class ProductionConfigIT {

    record Outcome(int exitCode, String output) {
    }

    static Outcome startProduction(Map<String, String> env) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HealthFlowApplication.class.getName(), "server", TestApp.configFile("production.yml").toString())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("the service must exit instead of starting; output:%n%s", output).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void missingSecretsStopTheStartNamingTheVariable() throws Exception {
        Outcome outcome = startProduction(Map.of("HEALTHFLOW_HOME", TestApp.tempHome().toString()));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).containsPattern("Cannot resolve variable '(DATABASE_|HEALTHFLOW_)[A-Z_]+'");
    }

    @Test
    void weakOrDemoSecretsAreRefusedAllAtOnce() throws Exception {
        Outcome outcome = startProduction(Map.of(
                "HEALTHFLOW_HOME", TestApp.tempHome().toString(),
                "DATABASE_URL", "jdbc:postgresql://localhost:1/healthflow",
                "DATABASE_USER", "healthflow",
                "DATABASE_PASSWORD", "postgres",
                "HEALTHFLOW_JWT_SECRET", "short",
                "HEALTHFLOW_AUDIT_KEY", "short",
                "HEALTHFLOW_PORTAL_URL", "https://portal.example.org",
                "HEALTHFLOW_ADMIN_EMAIL", "admin@healthflow.ai",
                "HEALTHFLOW_ADMIN_PASSWORD", "Admin123!"));

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("Refusing to start");
        for (String variable : List.of("HEALTHFLOW_JWT_SECRET", "HEALTHFLOW_AUDIT_KEY", "HEALTHFLOW_ADMIN_PASSWORD",
                "DATABASE_PASSWORD")) {
            assertThat(outcome.output()).contains(variable);
        }
    }
}
