package ai.healthflow.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in deploy/kubernetes, checked without a cluster: every document against the Kubernetes
 * API's JSON schemas (kubernetes-models, from npm, run by Node.js), and the contract HealthFlow relies on: probes,
 * a rolling update without unavailability, every configuration variable supplied, the admin port kept internal,
 * one CronJob per configured schedule.
 */
class DeployManifestsTest {
    static final Path DIR = Path.of("../deploy/kubernetes").toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static List<JsonNode> documents;

    @BeforeAll
    static void load() throws IOException {
        documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().stream()
                            .filter(node -> node != null && !node.isMissingNode() && !node.isNull())
                            .forEach(node -> documents.add(((ObjectNode) node).put("__file", file.getFileName().toString())));
                }
            }
        }
    }

    static JsonNode one(String kind, String name) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)
                        && d.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIR));
    }

    static List<JsonNode> all(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    @Test
    void everyManifestMatchesTheKubernetesSchemas() throws Exception {
        Assumptions.assumeTrue(available("node") && available("npm"),
                "Node.js 20+ and npm are needed to validate the Kubernetes manifests (the CI machine has them)");
        Path validator = DIR.resolve("validate");
        if (!Files.isDirectory(validator.resolve("node_modules/kubernetes-models"))) {
            assertThat(run(validator, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").exitCode())
                    .as("npm ci in " + validator).isZero();
        }
        Result result = run(validator, "node", "validate.mjs", DIR.toString());
        assertThat(result.output()).as(result.output()).contains(" 0 invalid").doesNotContain("INVALID");
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("valid deployment.yaml#1 Deployment/healthflow",
                "valid migrate-job.yaml#1 Job/healthflow-migrate");
    }

    @Test
    void theValidatorRefusesABrokenManifest() throws Exception {
        Assumptions.assumeTrue(available("node") && Files.isDirectory(DIR.resolve("validate/node_modules/kubernetes-models")),
                "needs the validator installed by everyManifestMatchesTheKubernetesSchemas");
        Path broken = Files.createTempDirectory("broken-manifests");
        Files.writeString(broken.resolve("deployment.yaml"), Files.readString(DIR.resolve("deployment.yaml"))
                .replace("replicas: 2", "replicas: two").replace("      containers:", "      containerz:"));
        Result result = run(DIR.resolve("validate"), "node", "validate.mjs", broken.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("spec/replicas must be integer");
    }

    @Test
    void theApiIsProbedAndRolledWithoutLosingCapacity() {
        JsonNode deployment = one("Deployment", "healthflow");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
        // liveness must not follow the database, or an outage restarts every replica (DatabaseOutageIT)
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/livenessProbe/periodSeconds").asInt() * container.at("/livenessProbe/failureThreshold").asInt())
                .as("seconds of database outage before liveness restarts a replica").isGreaterThanOrEqualTo(300);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(one("PodDisruptionBudget", "healthflow").at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(one("HorizontalPodAutoscaler", "healthflow").at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(one("Job", "healthflow-migrate").at("/spec/template/spec/containers/0/args").toString())
                .isEqualTo("[\"db\",\"migrate\",\"config/production.yml\"]");
    }

    @Test
    void everyVariableTheProductionConfigurationReadsIsSupplied() throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(
                Files.readString(Path.of("../config/production.yml"), StandardCharsets.UTF_8));
        while (variable.find()) {
            read.add(variable.group(1));
        }
        Set<String> supplied = new HashSet<>();
        one("ConfigMap", "healthflow-config").path("data").fieldNames().forEachRemaining(supplied::add);
        one("Secret", "healthflow-secrets").path("stringData").fieldNames().forEachRemaining(supplied::add);
        assertThat(read).isNotEmpty();
        assertThat(supplied).containsAll(read);
        JsonNode env = one("Deployment", "healthflow").at("/spec/template/spec/containers/0/envFrom");
        assertThat(env.toString()).contains("healthflow-config", "healthflow-secrets");
        assertThat(one("Secret", "healthflow-secrets").path("stringData").path("DATABASE_PASSWORD").asText())
                .as("the committed Secret is a template").isEqualTo("change-me");
    }

    @Test
    void theAdminPortStaysInsideTheCluster() {
        JsonNode service = one("Service", "healthflow");
        assertThat(service.at("/spec/ports").findValuesAsText("targetPort")).containsExactly("http");
        JsonNode policy = one("NetworkPolicy", "healthflow-api");
        for (JsonNode rule : policy.at("/spec/ingress")) {
            List<String> ports = rule.path("ports").findValuesAsText("port");
            if (ports.contains("8081")) {
                assertThat(rule.at("/from/0/namespaceSelector/matchLabels").toString()).contains("monitoring");
            }
        }
        assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
    }

    @Test
    void eachConfiguredScheduleIsACronJobRunningTheBatchCommand() throws IOException {
        JsonNode production = YAML.readTree(Files.readString(Path.of("../config/production.yml"))
                .replaceAll("\\$\\{[^}]*}", "x"));
        JsonNode schedules = production.at("/batch/schedules");
        assertThat(schedules.size()).isGreaterThanOrEqualTo(4);
        assertThat(one("ConfigMap", "healthflow-config").at("/data/BATCH_SCHEDULING").asText())
                .as("the CronJobs fire the jobs; replicas must not fire them too").isEqualTo("false");
        for (JsonNode schedule : schedules) {
            String job = schedule.path("job").asText();
            JsonNode cronJob = one("CronJob", "healthflow-" + job);
            // Spring's six fields start with seconds, which Kubernetes' five do not have
            String springCron = schedule.path("cron").asText();
            assertThat(springCron.split(" ")[0]).isEqualTo("0");
            assertThat(cronJob.at("/spec/schedule").asText()).as(job).isEqualTo(springCron.substring(2));
            assertThat(cronJob.at("/spec/timeZone").asText()).isEqualTo(schedule.path("zone").asText());
            assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
            assertThat(cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/args").toString())
                    .isEqualTo("[\"batch\",\"run\",\"" + job + "\",\"config/production.yml\"]");
        }
        assertThat(all("CronJob")).hasSize(schedules.size());
    }

    @Test
    void theKustomizationListsFilesThatExist() throws IOException {
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            assertThat(DIR.resolve(resource.asText())).exists();
        }
        assertThat(kustomization.path("resources").toString()).doesNotContain("secret.example.yaml");
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    static boolean available(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
