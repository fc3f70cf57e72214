package ai.healthflow.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Firebase Cloud Messaging, HTTP v1: {@code POST {endpoint}/v1/projects/{projectId}/messages:send} with a bearer
 * access token and {@code {"message": {"token", "notification": {"title", "body"}, "data": {…}}}}, over the JDK's
 * HTTP client. Answers are sorted into {@link PushResult}s by status and FCM's error code.
 */
public final class FcmClient implements PushSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 300;
    /** A provider asking for a longer wait than this is asked again after a day. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final HttpClient http;
    private final URI uri;
    private final Duration requestTimeout;
    private final AccessTokenSource accessToken;
    private final Clock clock;

    public FcmClient(PushSettings settings) {
        this(settings, Clock.systemUTC());
    }

    FcmClient(PushSettings settings, Clock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout().toJavaDuration())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.uri = URI.create(settings.sendUrl());
        this.requestTimeout = settings.requestTimeout().toJavaDuration();
        this.accessToken = AccessTokenSource.of(settings);
        this.clock = clock;
    }

    @Override
    public PushResult send(PushMessage message) {
        String token = accessToken.get();
        if (token.isEmpty()) {
            return new PushResult.CredentialsRefused("no FCM access token (FCM_ACCESS_TOKEN or FCM_ACCESS_TOKEN_FILE)");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(message)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new PushResult.RetryLater("FCM did not answer within " + requestTimeout.toSeconds() + " s", null);
        } catch (IOException e) {
            return new PushResult.RetryLater(oneLine("FCM unreachable: " + e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the push is tried again later
            return new PushResult.RetryLater("interrupted while sending", null);
        }
        return classify(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                clock.instant());
    }

    /** The JSON body FCM expects; title and body in the device's language. */
    static byte[] body(PushMessage message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode fcm = root.putObject("message");
        fcm.put("token", message.token());
        ObjectNode notification = fcm.putObject("notification");
        notification.put("title", message.title());
        notification.put("body", message.body());
        ObjectNode data = fcm.putObject("data");
        message.data().forEach(data::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sorts FCM's answer. The token is at fault only for {@code UNREGISTERED} (404) and for {@code INVALID_ARGUMENT}
     * (400) that names the token; any other 400 is this message's problem. 401, 403 and a plain 404 (unknown project
     * or endpoint) are our configuration's: 403 {@code SENDER_ID_MISMATCH} included, since a wrong project id would
     * otherwise remove every device. 429 and 5xx are retried, after Retry-After when given.
     */
    static PushResult classify(int status, String body, Optional<String> retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            JsonNode answer = parse(body);
            return new PushResult.Delivered(answer.path("name").isTextual() ? answer.path("name").asText() : null);
        }
        FcmError error = FcmError.of(parse(body));
        String reason = oneLine(status + (error.code().isEmpty() ? "" : " " + error.code())
                + (error.message().isEmpty() ? "" : ": " + error.message()));
        if ("UNREGISTERED".equals(error.errorCode()) && status >= 400 && status < 500) {
            return new PushResult.TokenRejected(reason);
        }
        return switch (status) {
            case 400 -> error.aboutToken() ? new PushResult.TokenRejected(reason) : new PushResult.Rejected(reason);
            case 401, 403, 404 -> new PushResult.CredentialsRefused(reason);
            case 408, 429, 500, 502, 503, 504 -> new PushResult.RetryLater(reason, retryAfter(retryAfterHeader, now));
            default -> status >= 500 ? new PushResult.RetryLater(reason, retryAfter(retryAfterHeader, now))
                    : new PushResult.Rejected(reason);
        };
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return null;
        }
        String value = header.get().strip();
        Duration wait;
        try {
            wait = value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode(); // an HTML error page from a proxy: the status decides
        }
    }

    static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 1) + "…";
    }

    /**
     * FCM's error body: {@code {"error": {"code", "message", "status", "details": [{"@type": "…FcmError",
     * "errorCode"}, {"@type": "…BadRequest", "fieldViolations": [{"field", "description"}]}]}}}.
     *
     * @param code      the FCM error code when given ({@code UNREGISTERED}), else the status ({@code NOT_FOUND})
     * @param aboutToken whether an INVALID_ARGUMENT names the registration token
     */
    private record FcmError(String code, String errorCode, String message, boolean aboutToken) {
        static FcmError of(JsonNode body) {
            JsonNode error = body.path("error");
            String status = error.path("status").asText("");
            String message = error.path("message").asText("");
            String errorCode = "";
            boolean tokenField = false;
            for (JsonNode detail : error.path("details")) {
                String type = detail.path("@type").asText("");
                if (type.endsWith("FcmError") && detail.path("errorCode").isTextual()) {
                    errorCode = detail.path("errorCode").asText();
                }
                for (JsonNode violation : detail.path("fieldViolations")) {
                    tokenField |= "message.token".equals(violation.path("field").asText());
                }
            }
            boolean invalidArgument = "INVALID_ARGUMENT".equals(errorCode) || "INVALID_ARGUMENT".equals(status);
            boolean aboutToken = invalidArgument && (tokenField
                    || message.toLowerCase(Locale.ROOT).contains("registration token"));
            return new FcmError(errorCode.isEmpty() ? status : errorCode, errorCode, message, aboutToken);
        }
    }
}
