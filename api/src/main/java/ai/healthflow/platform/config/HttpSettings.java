package ai.healthflow.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Arrays;
import java.util.List;

/**
 * HTTP conventions that are tunable per environment.
 *
 * @param maxRequestBody           larger request bodies are refused with 413
 * @param maxImportBody            the same for file imports ({@code HEALTHFLOW_MAX_IMPORT_BODY})
 * @param corsAllowedOrigins       comma-separated exact origins allowed to call the API from a browser
 *                                 ({@code CORS_ALLOWED_ORIGINS}); empty means none
 * @param rateLimitPerMinute       requests per minute per signed-in user, or per address when anonymous
 *                                 ({@code RATE_LIMIT_PER_MINUTE})
 * @param loginAttemptsPerMinute   login attempts per minute per email; an address may make five times as many
 * @param portalUrl                where users' browsers reach the portal; links in emails point there
 *                                 ({@code HEALTHFLOW_PORTAL_URL})
 */
public record HttpSettings(
        @JsonProperty @NotNull @MinDataSize(1) DataSize maxRequestBody,
        @JsonProperty @NotNull @MinDataSize(1) DataSize maxImportBody,
        @JsonProperty String corsAllowedOrigins,
        @JsonProperty @Min(1) int rateLimitPerMinute,
        @JsonProperty @Min(1) int loginAttemptsPerMinute,
        @JsonProperty @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String portalUrl) {

    public List<String> allowedOrigins() {
        if (corsAllowedOrigins == null || corsAllowedOrigins.isBlank()) {
            return List.of();
        }
        return Arrays.stream(corsAllowedOrigins.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }
}
