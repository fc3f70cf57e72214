package ai.healthflow.health;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** With PostgreSQL gone, probes say so (503) and API calls fail fast with problem+json instead of hanging. */
class DatabaseOutageIT {
    EmbeddedPostgres postgres;
    DropwizardTestSupport<HealthFlowConfiguration> app;

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.after();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void healthAndReadyTurn503WhenTheDatabaseStops() throws Exception {
        postgres = EmbeddedPostgres.builder().start(); // a server of its own, so stopping it harms no other test
        app = new DropwizardTestSupport<>(HealthFlowApplication.class, TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", TestApp.tempHome().toString()),
                ConfigOverride.config("database.dataSource.url", postgres.getJdbcUrl("postgres", "postgres")),
                ConfigOverride.config("database.dataSource.user", "postgres"),
                ConfigOverride.config("database.dataSource.password", ""));
        app.before();
        var http = new Http(app.getLocalPort());
        String admin = http.login("admin@healthflow.ai", "Admin123!");
        assertThat(http.get("/health").status()).isEqualTo(200);

        postgres.close();
        postgres = null;

        long started = System.nanoTime();
        Http.Response health = http.get("/health");
        // probes are answered from a one-second cache: the outage shows on the next check
        for (int i = 0; i < 40 && health.status() == 200; i++) {
            Thread.sleep(100);
            health = http.get("/health");
        }
        Http.Response ready = http.get("/ready");
        Http.Response detailed = http.get("/health/detailed", "Authorization", Http.bearer(admin));
        Http.Response login = http.postJson("/api/v2/auth/login",
                "{\"email\":\"admin@healthflow.ai\",\"password\":\"Admin123!\"}");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(health.json().get("database").asText()).isEqualTo("disconnected");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("reasons").get(0).asText()).isEqualTo("database: unreachable");
        // the token cannot be checked without the database either
        assertThat(detailed.status()).isEqualTo(503);
        assertThat(login.status()).isEqualTo(503);
        assertThat(login.header("Content-Type")).startsWith("application/problem+json");
        assertThat(login.body()).doesNotContain("Exception", "Connection refused");
        // generous bound: it only proves nothing waits for a socket timeout (30 s)
        assertThat(elapsedMs).isLessThan(20_000);
    }
}
