package ai.healthflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file and the systemd units, checked without Docker or systemd running: their structure and the
 * contract they share with the service (migrations before the service, every required variable supplied, the
 * admin port kept local, a way to run each scheduled job), and the units through {@code systemd-analyze verify}.
 */
class DeployFilesTest {
    static final Path DEPLOY = Path.of("../deploy").toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Variables production.yml reads without a default: the service refuses to start when one is unset. */
    static List<String> requiredVariables() throws IOException {
        List<String> required = new ArrayList<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(
                Files.readString(Path.of("../config/production.yml"), StandardCharsets.UTF_8));
        while (variable.find()) {
            required.add(variable.group(1));
        }
        return required;
    }

    @Test
    void composeMigratesFirstAndSuppliesEveryRequiredVariable() throws IOException {
        JsonNode compose = YAML.readTree(DEPLOY.resolve("docker/docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        assertThat(services.path("migrate").path("command").toString())
                .isEqualTo("[\"db\",\"migrate\",\"config/production.yml\"]");
        JsonNode service = services.path("healthflow");
        assertThat(service.at("/depends_on/migrate/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(services.at("/migrate/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        JsonNode environment = service.path("environment");
        assertThat(requiredVariables()).isNotEmpty().allSatisfy(name ->
                assertThat(environment.has(name)).as("%s in the healthflow service's environment", name).isTrue());
        assertThat(environment.path("HEALTHFLOW_DEMO_DATA").asText()).isEqualTo("false");
        assertThat(service.path("ports").toString()).contains("127.0.0.1:8081:8081").doesNotContain("\"8081:8081\"");
        assertThat(services.at("/batch/entrypoint").toString()).endsWith("\"batch\",\"run\"]");
        assertThat(services.at("/batch/profiles").toString()).contains("batch");
        assertThat(services.at("/postgres/ports").isMissingNode()).as("the database is not published").isTrue();
    }

    @Test
    void everyScheduledJobHasASystemdTimer() throws IOException {
        JsonNode production = YAML.readTree(Files.readString(Path.of("../config/production.yml"))
                .replaceAll("\\$\\{[^}]*}", "x"));
        for (JsonNode schedule : production.at("/batch/schedules")) {
            String job = schedule.path("job").asText();
            Path timer = DEPLOY.resolve("systemd/healthflow-batch-" + job + ".timer");
            assertThat(timer).exists();
            String text = Files.readString(timer);
            assertThat(text).contains("Unit=healthflow-batch@" + job + ".service", schedule.path("zone").asText());
            String[] cron = schedule.path("cron").asText().split(" ");
            // the timer fires at the same minute as the cron expression (Spring: second minute hour day month weekday)
            assertThat(text).containsPattern("OnCalendar=.*:" + String.format("%02d", Integer.parseInt(cron[1])) + ":00 ");
        }
        assertThat(Files.readString(DEPLOY.resolve("systemd/healthflow.service")))
                .contains("Requires=healthflow-migrate.service");
    }

    @Test
    void systemdAcceptsTheUnits() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze not installed");
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        try (Stream<Path> units = Files.list(DEPLOY.resolve("systemd"))) {
            units.filter(f -> f.toString().endsWith(".service") || f.toString().endsWith(".timer"))
                    .filter(f -> !f.getFileName().toString().endsWith("@.service")) // a template: checked through its timers
                    .sorted().forEach(f -> command.add(f.toString()));
        }
        Process process = new ProcessBuilder(command).directory(DEPLOY.resolve("systemd").toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        // the units name /usr/bin/java and /opt/healthflow, which a build machine need not have
        List<String> problems = output.lines()
                .filter(line -> !line.contains("/opt/healthflow") && !line.contains("/usr/bin/java"))
                .filter(line -> !line.isBlank()).toList();
        assertThat(problems).as(output).isEmpty();
    }
}
