package ai.healthflow.platform.http;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON request log names who acted (tenant and user ids, and the request id) and leaves out what must not be
 * logged: query strings (a patient search carries a national ID there), tokens, email addresses.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestLogIT {
    static final Path LOG = TestApp.tempHome().resolve("requests.log");
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
            ConfigOverride.config("server.requestLog.appenders[0].threshold", "ALL"),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", LOG.toString()),
            ConfigOverride.config("server.requestLog.appenders[0].archive", "false"));

    @Test
    void eachRequestIsLoggedWithItsActorAndWithoutPersonalData() throws Exception {
        Http http = APP.http();
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        JsonNode me = http.getAs(doctor, "/api/v2/me").json().get("data");
        Http.Response search = http.getAs(doctor, "/api/v2/patients?q=27506150100131");
        String requestId = search.header("X-Request-Id");

        JsonNode line = null;
        for (int i = 0; i < 50 && line == null; i++) {
            line = lines().stream().filter(l -> requestId.equals(l.at("/responseHeaders/X-Request-Id").asText()))
                    .findFirst().orElse(null);
            if (line == null) {
                Thread.sleep(100); // the appender writes asynchronously
            }
        }
        assertThat(line).as("request log line of " + requestId + " in " + lines()).isNotNull();
        assertThat(line.at("/requestAttributes/userId").asText()).isEqualTo(me.at("/id").asText());
        assertThat(line.at("/requestAttributes/tenantId").asText()).isEqualTo(me.at("/tenant/id").asText());
        assertThat(line.path("status").asInt()).isEqualTo(200);
        String text = Files.readString(LOG);
        assertThat(text).doesNotContain("27506150100131", doctor, Demo.CAIRO_DOCTOR.email, Demo.CAIRO_DOCTOR.password);
    }

    static List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(LOG)) {
            for (String line : Files.readAllLines(LOG)) {
                if (!line.isBlank()) {
                    lines.add(new ObjectMapper().readTree(line));
                }
            }
        }
        return lines;
    }
}
