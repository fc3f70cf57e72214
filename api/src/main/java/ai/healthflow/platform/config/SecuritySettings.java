package ai.healthflow.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/**
 * Tokens, sign-in rules, the audit key and the production secret policy.
 *
 * @param jwtSecret                HMAC key for access tokens ({@code HEALTHFLOW_JWT_SECRET}); at least 32 bytes
 * @param jwtKeyId                 key id put in the token header, so keys can be rotated
 * @param jwtIssuer                {@code iss} claim written and required
 * @param jwtAudience              {@code aud} claim written and required
 * @param accessTokenTtl           lifetime of an access token
 * @param refreshTokenTtl          lifetime of a refresh token (each use issues a new one)
 * @param invitationTtl            how long an invitation can be accepted
 * @param failedLoginsBeforeLock   consecutive wrong passwords before the account locks (1 minute, doubling)
 * @param auditKey                 HMAC key of the audit hash chain ({@code HEALTHFLOW_AUDIT_KEY}); at least 32 bytes
 * @param enforceProductionSecrets refuse to start with missing, short, default or demo secrets (production.yml)
 */
public record SecuritySettings(
        @JsonProperty @NotBlank String jwtSecret,
        @JsonProperty @NotBlank String jwtKeyId,
        @JsonProperty @NotBlank String jwtIssuer,
        @JsonProperty @NotBlank String jwtAudience,
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) Duration accessTokenTtl,
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.HOURS) Duration refreshTokenTtl,
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.HOURS) Duration invitationTtl,
        @JsonProperty @Min(1) @Max(100) int failedLoginsBeforeLock,
        @JsonProperty @NotBlank String auditKey,
        @JsonProperty boolean enforceProductionSecrets) {
}
