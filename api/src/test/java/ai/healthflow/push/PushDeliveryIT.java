package ai.healthflow.push;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.push.FakeFcm.Answer;
import static ai.healthflow.push.PushTesting.await;
import static ai.healthflow.push.PushTesting.register;
import static ai.healthflow.push.PushTesting.token;
import static org.assertj.core.api.Assertions.assertThat;

/** Notifications to pushes to FCM, through the whole application with a local stand-in for FCM. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PushDeliveryIT {
    static final String ACCESS_TOKEN = "ya29.test-fcm-access-token";
    static final FakeFcm FCM = new FakeFcm();
    static final TestApp.Extension APP = TestApp.create(
            ConfigOverride.config("push.enabled", "true"),
            ConfigOverride.config("push.endpoint", FCM::endpoint),
            ConfigOverride.config("push.projectId", "healthflow-test"),
            ConfigOverride.config("push.accessToken", ACCESS_TOKEN),
            ConfigOverride.config("push.maxAttempts", "3"),
            ConfigOverride.config("push.pollInterval", "100ms"),
            ConfigOverride.config("push.firstRetryDelay", "200ms"),
            ConfigOverride.config("push.maxRetryDelay", "1s"));
    Http http;

    @BeforeEach
    void setUp() throws SQLException {
        http = APP.http();
        try (Connection c = APP.superuser()) {
            c.createStatement().execute("DELETE FROM devices"); // each test registers the devices it sends to
        }
    }

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @Test
    void eachDeviceOfTheUserGetsOnePushInItsLanguageWithTheBearerToken() throws Exception {
        String nurse = Demo.CAIRO_NURSE.login(http);
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        String english = token("nurse-phone");
        String arabic = token("nurse-tablet");
        String doctorsToken = token("doctor-phone");
        register(http, nurse, "android", english, null);
        register(http, nurse, "ios", arabic, "ar");
        register(http, doctor, "web", doctorsToken, "en");

        UUID id = notify(Demo.CAIRO_NURSE, "Recall of batch 7");

        await("both pushes sent", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                + "' AND status = 'sent'") == 2);
        assertThat(count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                + "' AND attempts = 1 AND provider_id LIKE 'projects/healthflow-test/messages/%'")).isEqualTo(2);

        List<FakeFcm.Received> toEnglish = sentFor(english, id);
        assertThat(toEnglish).hasSize(1);
        FakeFcm.Received request = toEnglish.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/projects/healthflow-test/messages:send");
        assertThat(request.authorization()).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.body()).isEqualTo(FakeFcm.JSON.readTree("""
                {"message": {"token": "%s",
                             "notification": {"title": "Recall of batch 7", "body": "Body of Recall of batch 7"},
                             "data": {"notificationId": "%s", "kind": "recall.activated", "subjectType": "recall",
                                      "subjectId": "6f1c1b0e-8a52-4b8e-9a53-2d7f3c1e0a11"}}}
                """.formatted(english, id)));

        List<FakeFcm.Received> toArabic = sentFor(arabic, id);
        assertThat(toArabic).hasSize(1);
        JsonNode arabicNotification = toArabic.getFirst().body().at("/message/notification");
        assertThat(arabicNotification.path("title").asText()).isEqualTo("عنوان: Recall of batch 7");
        assertThat(arabicNotification.path("body").asText()).isEqualTo("نص Recall of batch 7");

        assertThat(sentFor(doctorsToken, id)).as("another user's device").isEmpty();
    }

    @Test
    void anUnregisteredTokenRemovesTheDeviceAndFailsThePush() throws Exception {
        String pharmacist = Demo.PHARMACIST.login(http);
        String token = token("uninstalled");
        String device = register(http, pharmacist, "android", token, null);
        FCM.always(token, Answer.unregistered());

        UUID id = notify(Demo.PHARMACIST, "Nobody will read this");

        await("the push failed", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                + "' AND status = 'failed'") == 1);
        assertThat(value("SELECT last_error FROM push_outbox WHERE notification_id = '" + id + "'"))
                .contains("404").contains("UNREGISTERED");
        assertThat(count("SELECT count(*) FROM devices WHERE id = '" + device + "'")).isZero();
        assertThat(http.getAs(pharmacist, "/api/v2/devices").json().path("data")).isEmpty();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'device.removed' AND entity_id = '" + device
                + "' AND CAST(changes AS jsonb)->>'reason' LIKE '%UNREGISTERED%'")).isEqualTo(1);
        assertThat(sentFor(token, id)).as("not retried").hasSize(1);
    }

    @Test
    void aServiceUnavailableAnswerIsRetriedAndThePushDeliveredOnce() throws Exception {
        String nurse = Demo.CAIRO_NURSE.login(http);
        String token = token("flaky");
        register(http, nurse, "ios", token, null);
        FCM.script(token, Answer.unavailable("1"));

        UUID id = notify(Demo.CAIRO_NURSE, "Second time lucky");

        await("the push was sent", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                + "' AND status = 'sent'") == 1);
        assertThat(count("SELECT attempts FROM push_outbox WHERE notification_id = '" + id + "'")).isEqualTo(2);
        assertThat(sentFor(token, id)).as("one 503, then one accepted").hasSize(2);
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() throws Exception {
        String doctor = Demo.ALEX_DOCTOR.login(http);
        String token = token("throttled");
        register(http, doctor, "android", token, null);
        FCM.script(token, Answer.error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.",
                Map.of("Retry-After", "3600")));

        UUID id = notify(Demo.ALEX_DOCTOR, "Later, please");

        await("the throttled attempt was recorded", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '"
                + id + "' AND attempts = 1 AND last_error LIKE '429%'") == 1);
        // the configured backoff is 200 ms: only the provider's Retry-After explains a wait of about an hour
        assertThat(count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                + "' AND status = 'pending' AND next_attempt_at > now() + interval '50 minutes'")).isEqualTo(1);
    }

    @Test
    void aPushFailsAfterTheMaximumNumberOfAttempts() throws Exception {
        String officer = Demo.OFFICER.login(http);
        String token = token("always-broken");
        String device = register(http, officer, "web", token, null);
        FCM.always(token, Answer.internal());

        UUID id = notify(Demo.OFFICER, "Never delivered");

        await("the push failed", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                + "' AND status = 'failed'") == 1);
        assertThat(count("SELECT attempts FROM push_outbox WHERE notification_id = '" + id + "'")).isEqualTo(3);
        assertThat(value("SELECT last_error FROM push_outbox WHERE notification_id = '" + id + "'")).startsWith("500");
        assertThat(sentFor(token, id)).hasSize(3);
        assertThat(count("SELECT count(*) FROM devices WHERE id = '" + device + "'")).as("the device stays").isEqualTo(1);
    }

    @Test
    void refusedCredentialsAreWarnedAboutAndDoNotUseUpAttempts() throws Exception {
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        var logger = (Logger) LoggerFactory.getLogger(PushDispatcher.class);
        logger.addAppender(logged);
        try {
            String viewer = Demo.VIEWER.login(http);
            String token = token("expired-credentials");
            register(http, viewer, "ios", token, null);
            FCM.script(token, Answer.unauthenticated());

            UUID id = notify(Demo.VIEWER, "After the token is fixed");

            await("the push was sent", () -> count("SELECT count(*) FROM push_outbox WHERE notification_id = '" + id
                    + "' AND status = 'sent'") == 1);
            assertThat(count("SELECT attempts FROM push_outbox WHERE notification_id = '" + id + "'"))
                    .as("the refused attempt is not counted").isEqualTo(1);
            assertThat(sentFor(token, id)).hasSize(2);
            assertThat(logged.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("401").contains("FCM_ACCESS_TOKEN")
                        .doesNotContain(ACCESS_TOKEN).doesNotContain(token);
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    private static UUID notify(Demo to, String title) throws SQLException {
        try (Connection c = APP.superuser()) {
            return PushTesting.notify(c, to, title);
        }
    }

    private static List<FakeFcm.Received> sentFor(String token, UUID notification) {
        return FCM.receivedFor(token).stream()
                .filter(r -> r.body().at("/message/data/notificationId").asText().equals(notification.toString()))
                .toList();
    }

    private static long count(String sql) {
        try {
            return APP.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String sql) throws SQLException {
        try (Connection c = APP.superuser(); var rows = c.createStatement().executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
