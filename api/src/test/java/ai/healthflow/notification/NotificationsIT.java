package ai.healthflow.notification;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationsIT {
    static final TestApp.Extension APP = TestApp.create();
    static final ObjectMapper JSON = new ObjectMapper();
    Http http;

    @BeforeEach
    void setUp() {
        http = APP.http();
    }

    /** Writes a notification as the service does, in a transaction of its own (or the one given). */
    static void notify(Connection c, Demo to, String title) throws SQLException {
        try (var insert = c.prepareStatement("""
                INSERT INTO notifications (tenant_id, user_id, kind, title_en, title_ar, body_en, body_ar)
                SELECT m.tenant_id, u.id, 'test.message', ?, 'عربي: ' || ?, 'Body of ' || ?, 'نص ' || ?
                  FROM users u JOIN memberships m ON m.user_id = u.id WHERE lower(u.email) = ?
                """)) {
            for (int i = 1; i <= 4; i++) {
                insert.setString(i, title);
            }
            insert.setString(5, to.email);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    static void notify(Demo to, String title) throws SQLException {
        try (Connection c = APP.superuser()) {
            notify(c, to, title);
        }
    }

    @Test
    void inboxListsOwnNotificationsInTheRequestedLanguageAndTracksReadState() throws SQLException {
        notify(Demo.CAIRO_NURSE, "Inbox first");
        notify(Demo.CAIRO_NURSE, "Inbox second");
        notify(Demo.CAIRO_DOCTOR, "Not for the nurse");
        String nurse = Demo.CAIRO_NURSE.login(http);

        Http.Response english = http.getAs(nurse, "/api/v2/notifications?unread=true");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.header("Content-Language")).isEqualTo("en");
        List<String> titles = new ArrayList<>();
        english.json().path("data").forEach(n -> titles.add(n.path("title").asText()));
        assertThat(titles).containsExactly("Inbox second", "Inbox first");
        assertThat(english.json().path("meta").path("total").asLong()).isEqualTo(2);

        Http.Response arabic = http.send(http.request("/api/v2/notifications", "Authorization", Http.bearer(nurse),
                "Accept-Language", "ar-EG, en;q=0.5").GET());
        assertThat(arabic.header("Content-Language")).isEqualTo("ar");
        JsonNode newest = arabic.json().path("data").get(0);
        assertThat(newest.path("title").asText()).isEqualTo("عربي: Inbox second");
        assertThat(newest.path("body").asText()).isEqualTo("نص Inbox second");
        assertThat(newest.path("read").asBoolean()).isFalse();

        String id = newest.path("id").asText();
        Http.Response read = http.patchAs(nurse, "/api/v2/notifications/" + id, "{\"read\":true}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("data").path("read").asBoolean()).isTrue();
        assertThat(http.getAs(nurse, "/api/v2/notifications?unread=true").json().path("meta").path("total").asLong())
                .isEqualTo(1);

        Http.Response all = http.send(http.request("/api/v2/notifications/read-all", "Authorization", Http.bearer(nurse))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(all.json().path("data").path("marked").asInt()).isEqualTo(1);
        assertThat(http.getAs(nurse, "/api/v2/notifications?unread=true").json().path("data")).isEmpty();

        // another user's notification is not found, and the change was audited
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        assertThat(http.patchAs(doctor, "/api/v2/notifications/" + id, "{\"read\":false}").status()).isEqualTo(404);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'notification.read' AND entity_id = '" + id + "'"))
                .isEqualTo(1);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String nurse = Demo.CAIRO_NURSE.login(http);
        Http.Response body = http.patchAs(nurse, "/api/v2/notifications/" + java.util.UUID.randomUUID(), "{}");
        assertThat(body.status()).isEqualTo(422);
        assertThat(body.body()).contains("read");
        Http.Response unread = http.getAs(nurse, "/api/v2/notifications?unread=maybe");
        assertThat(unread.status()).isEqualTo(400);
        assertThat(unread.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/api/v2/notifications").status()).isEqualTo(401);
    }

    @Test
    void streamDeliversNewNotificationsAndResumesWithoutLossOrRepeat() throws Exception {
        String pharmacist = Demo.PHARMACIST.login(http);
        String lastId;
        try (var stream = new EventStreamClient(APP.getLocalPort(), pharmacist)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Content-Encoding")).isNull();
            long sent = System.nanoTime();
            notify(Demo.PHARMACIST, "Live one");
            var event = stream.next(Duration.ofSeconds(5));
            assertThat(event).as("delivered").isNotNull();
            assertThat(event.name()).isEqualTo("notification");
            assertThat(JSON.readTree(event.data()).path("title").asText()).isEqualTo("Live one");
            assertThat(Duration.ofNanos(event.receivedNanos() - sent)).isLessThan(Duration.ofSeconds(1));
            lastId = event.id();
            assertThat(JSON.readTree(event.data()).path("eventId").asText()).isEqualTo(lastId);
        }
        // while disconnected
        notify(Demo.PHARMACIST, "Missed one");
        notify(Demo.PHARMACIST, "Missed two");
        try (var stream = new EventStreamClient(APP.getLocalPort(), pharmacist, "Last-Event-ID", lastId)) {
            assertThat(titles(stream, 2)).containsExactly("Missed one", "Missed two");
            assertThat(stream.next(Duration.ofMillis(500))).as("nothing repeated").isNull();
        }
    }

    @Test
    void aNotificationCommittedLateIsNotSkippedByOneCommittedBeforeIt() throws Exception {
        String nurse = Demo.CAIRO_NURSE.login(http);
        try (var stream = new EventStreamClient(APP.getLocalPort(), nurse);
             Connection slow = APP.superuser()) {
            slow.setAutoCommit(false);
            notify(slow, Demo.CAIRO_NURSE, "Written first, committed last"); // takes the lower sequence number
            notify(Demo.CAIRO_NURSE, "Written second, committed first");
            Thread.sleep(300); // the stream is woken and reads while the first transaction is still open
            slow.commit();
            assertThat(titles(stream, 2)).containsExactly("Written first, committed last", "Written second, committed first");
        }
    }

    @Test
    void aMalformedResumeIdIsRefused() {
        String nurse = Demo.CAIRO_NURSE.login(http);
        Http.Response refused = http.send(http.request("/api/v2/notifications/stream?after=abc",
                "Authorization", Http.bearer(nurse)).GET());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("after");
    }

    static List<String> titles(EventStreamClient stream, int count) throws Exception {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var event = stream.next(Duration.ofSeconds(5));
            assertThat(event).as("event " + (i + 1) + " of " + count + " after " + titles).isNotNull();
            titles.add(JSON.readTree(event.data()).path("title").asText());
        }
        return titles;
    }
}
