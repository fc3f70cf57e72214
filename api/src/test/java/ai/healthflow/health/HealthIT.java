package ai.healthflow.health;

import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class HealthIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;

    @BeforeEach
    void client() {
        http = APP.http();
    }

    @Test
    void healthIsPublicAndReportsEveryComponent() {
        Http.Response response = http.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("status").asText()).isEqualTo("healthy");
        assertThat(body.get("database").asText()).isEqualTo("connected");
        assertThat(body.get("search").asText()).isEqualTo("ready");
        assertThat(body.get("batch").asText()).isEqualTo("ready");
        assertThat(body.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(Instant.parse(body.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(body.has("components")).as("details are for the super admin only").isFalse();
    }

    @Test
    void liveIsPublicAndSaysOnlyThatTheProcessAnswers() {
        Http.Response response = http.get("/live");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"alive\"}");
    }

    @Test
    void readyIsPublicAndEmptyOfReasonsWhenReady() {
        Http.Response response = http.get("/ready");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("ready");
        assertThat(response.json().get("reasons")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/detailed", "/health/comprehensive", "/api/v2/system/status"})
    void detailedViewsNeedAToken(String path) {
        Http.Response response = http.get(path);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/detailed", "/health/comprehensive", "/api/v2/system/status"})
    void detailedViewsAreForTheSuperAdminOnly(String path) {
        String officer = http.login("officer@eda.demo", "Officer123!");

        Http.Response response = http.get(path, "Authorization", Http.bearer(officer));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("title").asText()).isEqualTo("Forbidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/detailed", "/health/comprehensive"})
    void detailedReportHasComponentsWithLatencyAndApiPerformance(String path) {
        String admin = http.login("admin@healthflow.ai", "Admin123!");
        for (int i = 0; i < 5; i++) {
            http.get("/health");
        }

        Http.Response response = http.get(path, "Authorization", Http.bearer(admin));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").asText()).isEqualTo("healthy");
        for (String component : new String[]{"database", "migrations", "search", "batch"}) {
            JsonNode c = body.at("/components/" + component);
            assertThat(c.get("status").asText()).as(component).isEqualTo("up");
            assertThat(c.get("latencyMs").asLong()).as(component).isGreaterThanOrEqualTo(0);
        }
        assertThat(body.at("/components/database/details/version").asText()).matches("\\d+(\\.\\d+)?.*");
        assertThat(body.at("/components/migrations/details/pending").asInt()).isZero();
        JsonNode performance = body.at("/checks/api_performance");
        assertThat(performance.get("totalRequests").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(performance.get("averageResponseMs").asDouble()).isPositive();
        assertThat(performance.get("p95ResponseMs").asDouble()).isPositive();
        assertThat(performance.get("errorRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(performance.has("requestsPerSecond")).isTrue();
        assertThat(body.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void systemStatusReportsVersionDatabaseAndMigrations() {
        String admin = http.login("admin@healthflow.ai", "Admin123!");

        Http.Response response = http.get("/api/v2/system/status", "Authorization", Http.bearer(admin));

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(response.json().get("success").asBoolean()).isTrue();
        assertThat(data.get("version").asText()).isNotBlank();
        assertThat(data.get("databaseVersion").asText()).startsWith("1");
        assertThat(data.at("/migrations/pending")).isEmpty();
        assertThat(data.at("/migrations/applied").asInt()).isEqualTo(data.at("/migrations/known").asInt()).isPositive();
        assertThat(data.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void adminPortExposesHealthChecksAndPrometheusMetrics() {
        var admin = new Http(APP.getAdminPort());

        Http.Response checks = admin.get("/healthcheck");
        Http.Response metrics = admin.get("/prometheus");

        assertThat(checks.status()).isEqualTo(200);
        assertThat(checks.json().has("postgresql")).isTrue();
        assertThat(checks.json().at("/search/healthy").asBoolean()).isTrue();
        assertThat(checks.json().at("/migrations/healthy").asBoolean()).isTrue();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("healthflow_http_requests");
    }
}
