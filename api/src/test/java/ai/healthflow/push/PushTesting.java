package ai.healthflow.push;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the push tests share: realistic tokens, notifications written as the service writes them, waiting. */
final class PushTesting {
    private PushTesting() {
    }

    /** A token shaped like an FCM registration token (about 160 characters), unique per call. */
    static String token(String label) {
        String unique = label + ":" + UUID.randomUUID().toString().replace("-", "");
        return (unique + "_APA91b" + "x".repeat(160)).substring(0, 163);
    }

    /** Registers a device through the API as the given user; returns its id. */
    static String register(Http http, String bearer, String platform, String token, String language) {
        String body = "{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\""
                + (language == null ? "" : ",\"language\":\"" + language + "\"") + "}";
        Http.Response response = http.postAs(bearer, "/api/v2/devices", body);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().at("/data/id").asText();
    }

    /** Writes a notification for the user in the given connection's transaction; returns its id. */
    static UUID notify(Connection c, Demo to, String title) throws SQLException {
        try (var insert = c.prepareStatement("""
                INSERT INTO notifications (tenant_id, user_id, kind, title_en, title_ar, body_en, body_ar,
                                           subject_type, subject_id)
                SELECT m.tenant_id, u.id, 'recall.activated', ?, 'عنوان: ' || ?, 'Body of ' || ?, 'نص ' || ?,
                       'recall', '6f1c1b0e-8a52-4b8e-9a53-2d7f3c1e0a11'
                  FROM users u JOIN memberships m ON m.user_id = u.id WHERE lower(u.email) = ?
                RETURNING id
                """)) {
            for (int i = 1; i <= 4; i++) {
                insert.setString(i, title);
            }
            insert.setString(5, to.email);
            try (var rows = insert.executeQuery()) {
                assertThat(rows.next()).as("a notification for " + to.email).isTrue();
                return rows.getObject(1, UUID.class);
            }
        }
    }

    /** Polls until the condition holds; fails after a generous deadline (no timing is asserted). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
