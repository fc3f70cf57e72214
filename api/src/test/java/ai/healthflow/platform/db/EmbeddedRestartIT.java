package ai.healthflow.platform.db;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dev mode: the service runs its own PostgreSQL under HEALTHFLOW_HOME, stops it on shutdown, keeps the data. */
class EmbeddedRestartIT {

    @Test
    void dataSurvivesARestartAndTheEmbeddedServerStopsWithTheService() throws Exception {
        Path home = TestApp.tempHome();
        int port;
        String adminId;

        DropwizardTestSupport<HealthFlowConfiguration> first = embeddedApp(home);
        first.before();
        try {
            var http = new Http(first.getLocalPort());
            adminId = login(http);
            port = postgresPort(first);
            assertThat(http.get("/ready").status()).isEqualTo(200);
        } finally {
            first.after();
        }
        assertThat(Files.exists(home.resolve("postgres/PG_VERSION"))).isTrue();
        assertThat(Files.isDirectory(home.resolve("search"))).isTrue();
        assertThatThrownBy(() -> new Socket("localhost", port).close())
                .as("embedded PostgreSQL is stopped with the service").isInstanceOf(IOException.class);

        DropwizardTestSupport<HealthFlowConfiguration> second = embeddedApp(home);
        second.before();
        try {
            var http = new Http(second.getLocalPort());
            assertThat(login(http)).as("same user, not re-created").isEqualTo(adminId);
            assertThat(http.login("doctor@cairo-general.demo", "Doctor123!")).isNotBlank();
        } finally {
            second.after();
        }
    }

    private static DropwizardTestSupport<HealthFlowConfiguration> embeddedApp(Path home) {
        return new DropwizardTestSupport<>(HealthFlowApplication.class, TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", home.toString()),
                ConfigOverride.config("database.embedded", "true"));
    }

    private static String login(Http http) {
        return http.postJson("/api/v2/auth/login", "{\"email\":\"admin@healthflow.ai\",\"password\":\"Admin123!\"}")
                .json().at("/data/user/id").asText();
    }

    private static int postgresPort(DropwizardTestSupport<HealthFlowConfiguration> app) {
        String url = app.getConfiguration().database().dataSource().getUrl();
        var matcher = java.util.regex.Pattern.compile("localhost:(\\d+)/").matcher(url);
        assertThat(matcher.find()).as(url).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
