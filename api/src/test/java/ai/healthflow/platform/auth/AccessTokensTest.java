package ai.healthflow.platform.auth;

import ai.healthflow.platform.config.SecuritySettings;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {
    static final String SECRET = "test-secret-0123456789abcdefghijklmnopqrstuv";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final UUID user = UUID.randomUUID();
    final UUID tenant = UUID.randomUUID();

    static AccessTokens tokens(String secret, String keyId, String issuer, String audience, Instant now) {
        return new AccessTokens(new SecuritySettings(secret, keyId, issuer, audience, Duration.minutes(15),
                Duration.days(14), Duration.hours(72), 5, "audit-key-0123456789abcdefghijklmnopqrstuv", false),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    static AccessTokens standard(Instant now) {
        return tokens(SECRET, "k1", "https://healthflow.ai", "healthflow-api", now);
    }

    @Test
    void issuedTokenVerifiesToItsUserAndTenant() {
        AccessTokens.Issued issued = standard(NOW).issue(user, tenant);

        AccessTokens.Claims claims = standard(NOW.plusSeconds(60)).verify(issued.token()).orElseThrow();

        assertThat(claims.userId()).isEqualTo(user);
        assertThat(claims.tenantId()).isEqualTo(tenant);
        assertThat(claims.tokenId()).isEqualTo(issued.tokenId());
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(15 * 60)).isEqualTo(issued.expiresAt());
    }

    @Test
    void expiredTokenIsRefusedAfterFifteenMinutesAndClockSkew() {
        String token = standard(NOW).issue(user, tenant).token();

        assertThat(standard(NOW.plusSeconds(15 * 60 + 29)).verify(token)).isPresent();
        assertThat(standard(NOW.plusSeconds(15 * 60 + 31)).verify(token)).isEmpty();
        assertThat(standard(NOW.plusSeconds(15 * 60 + 31)).check(token).rejection()).isEqualTo("expired");
    }

    @Test
    void tokenFromAnotherKeyIssuerAudienceOrKeyIdIsRefused() {
        String token = standard(NOW).issue(user, tenant).token();

        assertThat(tokens("another-secret-0123456789abcdefghijklmnop", "k1", "https://healthflow.ai", "healthflow-api", NOW)
                .verify(token)).isEmpty();
        assertThat(tokens(SECRET, "k2", "https://healthflow.ai", "healthflow-api", NOW).verify(token)).isEmpty();
        assertThat(tokens(SECRET, "k1", "https://other.example", "healthflow-api", NOW).verify(token)).isEmpty();
        assertThat(tokens(SECRET, "k1", "https://healthflow.ai", "other-api", NOW).verify(token)).isEmpty();
        assertThat(tokens(SECRET, "k2", "https://healthflow.ai", "healthflow-api", NOW).check(token).rejection())
                .isEqualTo("invalid");
        assertThat(standard(NOW).check("not.a.jwt").rejection()).isEqualTo("invalid");
    }

    @Test
    void shortSecretsAreRejectedAtConstruction() {
        assertThatThrownBy(() -> tokens("too-short", "k1", "i", "a", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
