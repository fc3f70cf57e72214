package ai.healthflow.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.util.Locale;

/**
 * Push delivery through Firebase Cloud Messaging (HTTP v1). Every value has a default, so a configuration without a
 * {@code push} block runs with push disabled.
 *
 * @param enabled         send pushes ({@code PUSH_ENABLED}); when false, pushes are created and held in
 *                        {@code push_outbox} (logged once each) and go out once a replica with push enabled runs
 * @param endpoint        FCM's base URL ({@code FCM_ENDPOINT}, default {@code https://fcm.googleapis.com})
 * @param projectId       the Firebase project id ({@code FCM_PROJECT_ID})
 * @param accessToken     an OAuth 2.0 access token for FCM ({@code FCM_ACCESS_TOKEN}); used when no file is set
 * @param accessTokenFile a file holding the current access token ({@code FCM_ACCESS_TOKEN_FILE}), re-read whenever
 *                        it changes, so an external job can refresh the token (they expire after an hour)
 * @param connectTimeout  connecting to FCM
 * @param requestTimeout  one send, from request to the answer's status
 * @param maxAttempts     delivery attempts (not counting ones refused for credentials) before a push is failed
 * @param pollInterval    how often the fan-out and the dispatcher look for work
 * @param firstRetryDelay the wait after a first failed attempt; doubles with each further one
 * @param maxRetryDelay   the longest wait between attempts (a provider's Retry-After may ask for longer)
 */
public record PushSettings(
        @JsonProperty boolean enabled,
        @JsonProperty @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an http(s) URL")
        String endpoint,
        @JsonProperty @Pattern(regexp = "[a-z0-9-]{0,100}", message = "must be a Firebase project id") String projectId,
        @JsonProperty String accessToken,
        @JsonProperty String accessTokenFile,
        @JsonProperty Duration connectTimeout,
        @JsonProperty Duration requestTimeout,
        @JsonProperty @Min(0) @Max(100) int maxAttempts,
        @JsonProperty Duration pollInterval,
        @JsonProperty Duration firstRetryDelay,
        @JsonProperty Duration maxRetryDelay) {

    public static final String DEFAULT_ENDPOINT = "https://fcm.googleapis.com";

    public PushSettings {
        endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.strip();
        projectId = projectId == null ? "" : projectId.strip();
        connectTimeout = connectTimeout != null ? connectTimeout : Duration.seconds(5);
        requestTimeout = requestTimeout != null ? requestTimeout : Duration.seconds(15);
        maxAttempts = maxAttempts > 0 ? maxAttempts : 8;
        pollInterval = pollInterval != null ? pollInterval : Duration.seconds(1);
        firstRetryDelay = firstRetryDelay != null ? firstRetryDelay : Duration.seconds(30);
        maxRetryDelay = maxRetryDelay != null ? maxRetryDelay : Duration.hours(1);
        if (pollInterval.toMilliseconds() < 1 || firstRetryDelay.toMilliseconds() < 1
                || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("push: pollInterval and firstRetryDelay must be positive and "
                    + "maxRetryDelay at least firstRetryDelay");
        }
    }

    /** Push disabled, everything else by default. */
    public static PushSettings disabled() {
        return new PushSettings(false, null, null, null, null, null, null, 0, null, null, null);
    }

    /** Where messages are posted: {@code {endpoint}/v1/projects/{projectId}/messages:send}. */
    public String sendUrl() {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return base + "/v1/projects/" + projectId + "/messages:send";
    }

    public boolean hasAccessToken() {
        return accessTokenFile != null && !accessTokenFile.isBlank()
                || accessToken != null && !accessToken.isBlank();
    }

    public boolean usesTls() {
        return endpoint.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /** Without the token: settings get logged. */
    @Override
    public String toString() {
        return "PushSettings[enabled=" + enabled + ", endpoint=" + endpoint + ", projectId=" + projectId
                + ", accessToken=" + (accessToken == null || accessToken.isEmpty() ? "(none)" : "***")
                + ", accessTokenFile=" + accessTokenFile + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts + ", pollInterval="
                + pollInterval + ", firstRetryDelay=" + firstRetryDelay + ", maxRetryDelay=" + maxRetryDelay + "]";
    }
}
