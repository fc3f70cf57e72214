package ai.healthflow.push;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static ai.healthflow.push.PushTesting.await;
import static ai.healthflow.push.PushTesting.register;
import static ai.healthflow.push.PushTesting.token;
import static org.assertj.core.api.Assertions.assertThat;

/** The devices API on the whole application, with push delivery disabled (config/test.yml). */
@ExtendWith(DropwizardExtensionsSupport.class)
class DevicesIT {
    static final TestApp.Extension APP = TestApp.create();
    Http http;

    @BeforeEach
    void setUp() {
        http = APP.http();
    }

    @Test
    void registeringTheSameTokenAgainUpdatesTheSameDevice() throws SQLException {
        String nurse = Demo.CAIRO_NURSE.login(http);
        String token = token("same");

        Http.Response created = http.postAs(nurse, "/api/v2/devices",
                "{\"platform\":\"android\",\"token\":\"" + token + "\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode device = created.json().path("data");
        String id = device.path("id").asText();
        assertThat(created.header("Location")).endsWith("/api/v2/devices/" + id);
        assertThat(device.path("platform").asText()).isEqualTo("android");
        assertThat(device.path("language").asText()).as("default language").isEqualTo("en");
        assertThat(device.path("tokenSuffix").asText()).isEqualTo(token.substring(token.length() - 6));
        assertThat(created.body()).as("the token is never shown whole").doesNotContain(token);

        Http.Response again = http.postAs(nurse, "/api/v2/devices",
                "{\"platform\":\"android\",\"token\":\"" + token + "\",\"language\":\"ar\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/data/id").asText()).isEqualTo(id);
        assertThat(again.json().at("/data/language").asText()).isEqualTo("ar");

        Http.Response unchangedLanguage = http.postAs(nurse, "/api/v2/devices",
                "{\"platform\":\"android\",\"token\":\"" + token + "\"}");
        assertThat(unchangedLanguage.status()).isEqualTo(200);
        assertThat(unchangedLanguage.json().at("/data/language").asText()).as("absent keeps it").isEqualTo("ar");

        JsonNode list = http.getAs(nurse, "/api/v2/devices").json().path("data");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo(id);
        assertThat(APP.count("SELECT count(*) FROM devices WHERE token = '" + token + "'")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + id + "' AND action = 'device.registered'"))
                .isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + id + "' AND action = 'device.updated'"))
                .as("only the language change; a plain re-registration is not a change").isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE changes::text LIKE '%" + token + "%'"))
                .as("tokens stay out of the audit trail").isZero();

        assertThat(http.method("DELETE", "/api/v2/devices/" + id, "Authorization", Http.bearer(nurse)).status())
                .isEqualTo(204);
        assertThat(http.getAs(nurse, "/api/v2/devices").json().path("data")).isEmpty();
        assertThat(http.method("DELETE", "/api/v2/devices/" + id, "Authorization", Http.bearer(nurse)).status())
                .isEqualTo(404);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + id + "' AND action = 'device.removed'"))
                .isEqualTo(1);
    }

    @Test
    void invalidRegistrationsAreProblemsNamingTheField() {
        String nurse = Demo.CAIRO_NURSE.login(http);
        assertInvalid(nurse, "{\"platform\":\"blackberry\",\"token\":\"" + token("p") + "\"}", "platform");
        assertInvalid(nurse, "{\"token\":\"" + token("p") + "\"}", "platform");
        assertInvalid(nurse, "{\"platform\":\"ios\",\"token\":\"short\"}", "token");
        assertInvalid(nurse, "{\"platform\":\"ios\",\"token\":\"" + "t".repeat(4097) + "\"}", "token");
        assertInvalid(nurse, "{\"platform\":\"ios\",\"token\":\"" + token("with space").replace(':', ' ') + "\"}", "token");
        assertInvalid(nurse, "{\"platform\":\"ios\"}", "token");
        assertInvalid(nurse, "{\"platform\":\"web\",\"token\":\"" + token("l") + "\",\"language\":\"fr\"}", "language");

        Http.Response unknownField = http.postAs(nurse, "/api/v2/devices",
                "{\"platform\":\"web\",\"token\":\"" + token("u") + "\",\"userId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body()).contains("userId");
        assertThat(http.postJson("/api/v2/devices", "{\"platform\":\"web\",\"token\":\"" + token("a") + "\"}").status())
                .isEqualTo(401);
        assertThat(http.get("/api/v2/devices").status()).isEqualTo(401);
        assertThat(http.getAs(nurse, "/api/v2/devices").json().path("data")).as("nothing registered").isEmpty();
    }

    private void assertInvalid(String bearer, String body, String field) {
        Http.Response response = http.postAs(bearer, "/api/v2/devices", body);
        assertThat(response.status()).as(body).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(response.body()).contains(field);
    }

    @Test
    void usersSeeAndRemoveOnlyTheirOwnDevices() {
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        String nurse = Demo.CAIRO_NURSE.login(http);
        String alexDoctor = Demo.ALEX_DOCTOR.login(http);
        String doctorsDevice = register(http, doctor, "ios", token("doctor"), null);

        assertThat(http.method("DELETE", "/api/v2/devices/" + doctorsDevice, "Authorization", Http.bearer(nurse))
                .status()).as("same tenant, another user").isEqualTo(404);
        assertThat(http.method("DELETE", "/api/v2/devices/" + doctorsDevice, "Authorization", Http.bearer(alexDoctor))
                .status()).as("another tenant").isEqualTo(404);
        assertThat(http.method("DELETE", "/api/v2/devices/not-a-uuid", "Authorization", Http.bearer(nurse))
                .status()).isIn(400, 404);
        assertThat(http.getAs(nurse, "/api/v2/devices").json().path("data").toString()).doesNotContain(doctorsDevice);
        assertThat(http.getAs(doctor, "/api/v2/devices").json().path("data").toString()).contains(doctorsDevice);
    }

    @Test
    void aTokenRegisteredByAnotherUserMovesAndTakesNoneOfThePreviousUsersPushes() throws Exception {
        String pharmacist = Demo.PHARMACIST.login(http);
        String alexDoctor = Demo.ALEX_DOCTOR.login(http);
        String token = token("shared-tablet");
        String first = register(http, pharmacist, "android", token, null);
        // a push waits for the pharmacist's device (held: push is disabled in test.yml)
        try (Connection c = APP.superuser()) {
            PushTesting.notify(c, Demo.PHARMACIST, "For the pharmacist only");
        }
        await("the fan-out created the pharmacist's push", () -> count(
                "SELECT count(*) FROM push_outbox WHERE device_id = '" + first + "' AND status = 'pending'") == 1);

        Http.Response moved = http.postAs(alexDoctor, "/api/v2/devices",
                "{\"platform\":\"android\",\"token\":\"" + token + "\"}");

        assertThat(moved.status()).as("new to this user").isEqualTo(201);
        String second = moved.json().at("/data/id").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(http.getAs(pharmacist, "/api/v2/devices").json().path("data")).isEmpty();
        assertThat(http.getAs(alexDoctor, "/api/v2/devices").json().path("data").get(0).path("id").asText())
                .isEqualTo(second);
        assertThat(count("SELECT count(*) FROM devices WHERE token = '" + token + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM push_outbox WHERE device_id = '" + first
                + "' AND status = 'failed' AND last_error LIKE 'device removed: registered by another user%'"))
                .as("the pharmacist's waiting push will never reach the doctor").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM push_outbox WHERE device_id = '" + second + "'")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE entity_id = '" + first + "' AND action = 'device.removed'"))
                .isEqualTo(1);
    }

    @Test
    void theLeastRecentlySeenDeviceMakesRoomBeyondTheLimit() {
        String officer = Demo.OFFICER.login(http);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= DeviceService.MAX_DEVICES_PER_USER; i++) {
            ids.add(register(http, officer, "web", token("browser" + i), "en"));
        }

        JsonNode list = http.getAs(officer, "/api/v2/devices").json().path("data");
        assertThat(list).hasSize(DeviceService.MAX_DEVICES_PER_USER);
        assertThat(list.toString()).doesNotContain(ids.getFirst()).contains(ids.getLast());
    }

    @Test
    void withPushDisabledPushesAreCreatedAndHeldPending() throws Exception {
        String viewer = Demo.VIEWER.login(http);
        String device = register(http, viewer, "ios", token("viewer"), "ar");
        UUID notification;
        try (Connection c = APP.superuser()) {
            notification = PushTesting.notify(c, Demo.VIEWER, "Held while disabled");
        }

        await("the push is held", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '"
                + notification + "' AND device_id = '" + device + "' AND status = 'pending' AND attempts = 0"
                + " AND next_attempt_at = 'infinity' AND last_error LIKE 'held:%'") == 1);
    }

    private static long count(String sql) {
        try {
            return APP.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
