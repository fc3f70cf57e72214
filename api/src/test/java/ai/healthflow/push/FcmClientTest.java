package ai.healthflow.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FcmClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static PushResult answer(int status, String body) {
        return FcmClient.classify(status, body, Optional.empty(), NOW);
    }

    static String error(int code, String status, String details) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"m\",\"status\":\"" + status + "\",\"details\":" + details + "}}";
    }

    static String fcmError(String errorCode) {
        return "[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + errorCode + "\"}]";
    }

    @Test
    void acceptedMessagesCarryTheirName() {
        assertThat(answer(200, "{\"name\":\"projects/p/messages/0:1500415314455276%31bd1c9631bd1c96\"}"))
                .isEqualTo(new PushResult.Delivered("projects/p/messages/0:1500415314455276%31bd1c9631bd1c96"));
        assertThat(answer(200, "")).isEqualTo(new PushResult.Delivered(null));
    }

    @Test
    void unregisteredTokensAreRejected() {
        assertThat(answer(404, error(404, "NOT_FOUND", fcmError("UNREGISTERED"))))
                .isInstanceOf(PushResult.TokenRejected.class)
                .extracting(r -> ((PushResult.TokenRejected) r).reason()).asString().contains("404 UNREGISTERED");
    }

    @Test
    void invalidArgumentIsTheTokensFaultOnlyWhenItNamesTheToken() {
        String tokenViolation = "[{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":"
                + "[{\"field\":\"message.token\",\"description\":\"Invalid registration token\"}]}]";
        assertThat(answer(400, error(400, "INVALID_ARGUMENT", tokenViolation))).isInstanceOf(PushResult.TokenRejected.class);
        assertThat(answer(400, "{\"error\":{\"code\":400,\"message\":\"The registration token is not a valid FCM "
                + "registration token\",\"status\":\"INVALID_ARGUMENT\",\"details\":" + fcmError("INVALID_ARGUMENT") + "}}"))
                .isInstanceOf(PushResult.TokenRejected.class);
        assertThat(answer(400, error(400, "INVALID_ARGUMENT", fcmError("INVALID_ARGUMENT"))))
                .as("some other field: this message's problem").isInstanceOf(PushResult.Rejected.class);
    }

    @Test
    void credentialAndProjectProblemsAreOurs() {
        assertThat(answer(401, error(401, "UNAUTHENTICATED", "[]"))).isInstanceOf(PushResult.CredentialsRefused.class);
        assertThat(answer(403, error(403, "PERMISSION_DENIED", fcmError("SENDER_ID_MISMATCH"))))
                .isInstanceOf(PushResult.CredentialsRefused.class);
        assertThat(answer(404, "<html>Not Found</html>")).as("unknown project or endpoint")
                .isInstanceOf(PushResult.CredentialsRefused.class);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedAfterRetryAfter() {
        assertThat(FcmClient.classify(429, error(429, "RESOURCE_EXHAUSTED", fcmError("QUOTA_EXCEEDED")),
                Optional.of("120"), NOW)).isEqualTo(new PushResult.RetryLater("429 QUOTA_EXCEEDED: m", Duration.ofSeconds(120)));
        assertThat(FcmClient.classify(503, "", Optional.of("Sun, 22 Nov 2026 10:05:00 GMT"), NOW))
                .isEqualTo(new PushResult.RetryLater("503", Duration.ofMinutes(5)));
        assertThat(answer(500, error(500, "INTERNAL", fcmError("INTERNAL")))).isEqualTo(
                new PushResult.RetryLater("500 INTERNAL: m", null));
        assertThat(answer(599, "")).isInstanceOf(PushResult.RetryLater.class);
        assertThat(answer(413, "")).isInstanceOf(PushResult.Rejected.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrADateAndBounded() {
        assertThat(FcmClient.retryAfter(Optional.of(" 30 "), NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(FcmClient.retryAfter(Optional.of("Sun, 22 Nov 2026 09:00:00 GMT"), NOW)).as("past").isZero();
        assertThat(FcmClient.retryAfter(Optional.of("99999999"), NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(FcmClient.retryAfter(Optional.of("soon"), NOW)).isNull();
        assertThat(FcmClient.retryAfter(Optional.empty(), NOW)).isNull();
    }

    @Test
    void reasonsAreOneBoundedLine() {
        PushResult result = answer(400, "{\"error\":{\"code\":400,\"message\":\"line one\\nline two " + "x".repeat(500)
                + "\",\"status\":\"FAILED_PRECONDITION\"}}");
        String reason = ((PushResult.Rejected) result).reason();
        assertThat(reason).startsWith("400 FAILED_PRECONDITION: line one line two").doesNotContain("\n");
        assertThat(reason.length()).isLessThanOrEqualTo(300);
    }

    @Test
    void theBodyHasFcmsShapeAndLeavesAbsentDataOut() throws Exception {
        UUID notification = UUID.randomUUID();
        var claimed = new ClaimedPush(UUID.randomUUID(), 1, UUID.randomUUID(), "tok", "ar", notification,
                "recall.activated", "Recall", "سحب", "Body", "نص", null, null);

        JsonNode body = JSON.readTree(FcmClient.body(claimed.message()));

        assertThat(body).isEqualTo(JSON.readTree("""
                {"message": {"token": "tok", "notification": {"title": "سحب", "body": "نص"},
                             "data": {"notificationId": "%s", "kind": "recall.activated"}}}
                """.formatted(notification)));
    }

    @Test
    void longBodiesAreShortenedWithoutSplittingACharacter() {
        String arabic = "د".repeat(ClaimedPush.MAX_BODY + 50);
        String shortened = ClaimedPush.shorten(arabic);
        assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(ClaimedPush.MAX_BODY);
        assertThat(shortened).endsWith("…");
        String emoji = "💊".repeat(ClaimedPush.MAX_BODY + 1);
        assertThat(ClaimedPush.shorten(emoji).codePointCount(0, ClaimedPush.shorten(emoji).length()))
                .isEqualTo(ClaimedPush.MAX_BODY);
        assertThat(ClaimedPush.shorten("short")).isEqualTo("short");
    }

    @Test
    void anAccessTokenFileIsReadAgainWhenItChanges() throws Exception {
        Path file = Files.createTempFile("fcm-token", ".txt");
        try {
            Files.writeString(file, "first-token\n");
            var settings = new PushSettings(true, null, "p", "ignored-when-a-file-is-set", file.toString(), null, null,
                    0, null, null, null);
            AccessTokenSource source = AccessTokenSource.of(settings);
            assertThat(source.get()).isEqualTo("first-token");

            Files.writeString(file, "second-token");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(source.get()).isEqualTo("second-token");

            Files.delete(file);
            assertThat(source.get()).as("the last good token while the file is missing").isEqualTo("second-token");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(AccessTokenSource.of(new PushSettings(true, null, "p", " static ", null, null, null, 0, null,
                null, null)).get()).isEqualTo("static");
    }

    @Test
    void backoffDoublesFromTheFirstDelayUpToTheCap() {
        var settings = new PushSettings(true, null, "p", "t", null, null, null, 5, null,
                io.dropwizard.util.Duration.seconds(30), io.dropwizard.util.Duration.minutes(5));
        var dispatcher = new PushDispatcher(null, PushSender.DISABLED, null, settings, 1, java.time.Clock.systemUTC());
        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(dispatcher.backoff(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(dispatcher.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theSendUrlFollowsFcmHttpV1() {
        assertThat(new PushSettings(true, "https://fcm.googleapis.com/", "healthflow-eg", null, null, null, null, 0,
                null, null, null).sendUrl()).isEqualTo("https://fcm.googleapis.com/v1/projects/healthflow-eg/messages:send");
        assertThat(PushSettings.disabled().endpoint()).isEqualTo(PushSettings.DEFAULT_ENDPOINT);
        assertThat(new PushSettings(true, null, "p", "secret-token", null, null, null, 0, null, null, null).toString())
                .doesNotContain("secret-token");
    }
}
