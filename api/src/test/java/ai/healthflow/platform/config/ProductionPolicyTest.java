package ai.healthflow.platform.config;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionPolicyTest {
    static final ObjectMapper MAPPER = Jackson.newObjectMapper();

    static HealthFlowConfiguration load(String... overrides) throws Exception {
        // test.yml is complete without environment variables; each case changes a few values
        var factory = new YamlConfigurationFactory<>(HealthFlowConfiguration.class, Validators.newValidator(), MAPPER, "dw");
        for (int i = 0; i < overrides.length; i += 2) {
            System.setProperty("dw." + overrides[i], overrides[i + 1]);
        }
        try {
            return factory.build(new File(TestApp.configFile("test.yml").toString()));
        } finally {
            for (int i = 0; i < overrides.length; i += 2) {
                System.clearProperty("dw." + overrides[i]);
            }
        }
    }

    static final String[] SAFE = {
            "security.enforceProductionSecrets", "true",
            "security.jwtSecret", "q8Z2v9LrT4mXw1Kc7Yh3Np6Bd0Sf5Gj8Ua2Ve9Ri",
            "security.auditKey", "Zt7Qw2Lp9Xv4Mc8Rk1Hn5Bs3Jd6Gf0Ya7Ue2Wi4",
            "bootstrap.adminPassword", "Correct-Horse-Battery-9",
            "bootstrap.demoData", "false",
            "database.dataSource.password", "k7Hq2mZx9Lp4Rt"};

    @Test
    void aSafeProductionConfigurationPasses() throws Exception {
        assertThat(ProductionPolicy.violations(load(SAFE))).isEmpty();
    }

    @Test
    void devConfigurationIsNotCheckedWhenEnforcementIsOff() throws Exception {
        assertThat(ProductionPolicy.violations(load())).isEmpty();
    }

    @Test
    void eachUnsafeValueIsNamed() throws Exception {
        assertThat(ProductionPolicy.violations(load(with("security.jwtSecret", "dev-only-jwt-secret-not-for-production-use-0123456789"))))
                .singleElement().asString().contains("HEALTHFLOW_JWT_SECRET");
        assertThat(ProductionPolicy.violations(load(with("security.jwtSecret", "a".repeat(40)))))
                .singleElement().asString().contains("low-entropy");
        assertThat(ProductionPolicy.violations(load(with("bootstrap.adminPassword", "Pharma123!"))))
                .anySatisfy(v -> assertThat(v).contains("demo or example password"));
        assertThat(ProductionPolicy.violations(load(with("bootstrap.demoData", "true"))))
                .singleElement().asString().contains("HEALTHFLOW_DEMO_DATA");
        assertThat(ProductionPolicy.violations(load(with("database.embedded", "true"))))
                .singleElement().asString().contains("embedded");
        assertThat(ProductionPolicy.violations(load(with("database.dataSource.password", "postgres"))))
                .singleElement().asString().contains("DATABASE_PASSWORD");
        assertThat(ProductionPolicy.violations(load(with("security.auditKey", "short"))))
                .singleElement().asString().contains("HEALTHFLOW_AUDIT_KEY");
        assertThat(ProductionPolicy.violations(load(with("security.auditKey", "q8Z2v9LrT4mXw1Kc7Yh3Np6Bd0Sf5Gj8Ua2Ve9Ri"))))
                .singleElement().asString().contains("must differ");
    }

    @Test
    void theExampleSecretsShippedInDeployAreRefused() throws Exception {
        // deploy/docker/.env.example is public: a trial "compose up" with it must not become a production system
        var example = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(TestApp.configFile("../deploy/docker/.env.example"))) {
            example.load(in);
        }
        var violations = ProductionPolicy.violations(load(with(
                "security.jwtSecret", example.getProperty("HEALTHFLOW_JWT_SECRET"),
                "security.auditKey", example.getProperty("HEALTHFLOW_AUDIT_KEY"),
                "bootstrap.adminPassword", example.getProperty("HEALTHFLOW_ADMIN_PASSWORD"),
                "database.dataSource.password", example.getProperty("DATABASE_PASSWORD"))));

        assertThat(String.join("\n", violations)).contains("HEALTHFLOW_JWT_SECRET", "HEALTHFLOW_AUDIT_KEY",
                "HEALTHFLOW_ADMIN_PASSWORD", "DATABASE_PASSWORD");
    }

    @Test
    void enabledPushNeedsAProjectAnAccessTokenAndTls() throws Exception {
        String[] push = {"push.enabled", "true", "push.endpoint", "https://fcm.googleapis.com",
                "push.projectId", "healthflow-eg", "push.accessToken", "ya29.a0AfH6SMBx"};
        assertThat(ProductionPolicy.violations(load(with(push)))).isEmpty();
        assertThat(ProductionPolicy.violations(load(with("push.enabled", "false", "push.projectId", "",
                "push.accessToken", "")))).as("disabled push needs nothing").isEmpty();

        assertThat(ProductionPolicy.violations(load(merge(with(push), "push.projectId", ""))))
                .singleElement().asString().contains("FCM_PROJECT_ID");
        assertThat(ProductionPolicy.violations(load(merge(with(push), "push.accessToken", ""))))
                .singleElement().asString().contains("FCM_ACCESS_TOKEN");
        assertThat(ProductionPolicy.violations(load(merge(with(push), "push.accessToken", "",
                "push.accessTokenFile", "/run/secrets/fcm-token")))).as("a token file will do").isEmpty();
        assertThat(ProductionPolicy.violations(load(merge(with(push), "push.accessToken", "change-me-fcm-token"))))
                .singleElement().asString().contains("FCM_ACCESS_TOKEN");
        assertThat(ProductionPolicy.violations(load(merge(with(push), "push.endpoint", "http://fcm.example.org"))))
                .singleElement().asString().contains("FCM_ENDPOINT");
    }

    @Test
    void enforceListsEveryViolation() throws Exception {
        HealthFlowConfiguration config = load(with("bootstrap.adminPassword", "Admin123!", "bootstrap.demoData", "true"));

        assertThatThrownBy(() -> ProductionPolicy.enforce(config))
                .hasMessageContaining("HEALTHFLOW_ADMIN_PASSWORD").hasMessageContaining("HEALTHFLOW_DEMO_DATA");
    }

    private static String[] merge(String[] base, String... changes) {
        var merged = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < base.length; i += 2) merged.put(base[i], base[i + 1]);
        for (int i = 0; i < changes.length; i += 2) merged.put(changes[i], changes[i + 1]);
        return merged.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    private static String[] with(String... changes) {
        var merged = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < SAFE.length; i += 2) merged.put(SAFE[i], SAFE[i + 1]);
        for (int i = 0; i < changes.length; i += 2) merged.put(changes[i], changes[i + 1]);
        return merged.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }
}
