package ai.healthflow.platform.auth;

import ai.healthflow.platform.config.SecuritySettings;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed (HS256) access tokens. Verification pins the algorithm (so {@code alg: none} and RS/HS confusion are
 * refused), the key id, issuer, audience and expiry.
 */
public final class AccessTokens {
    public static final int MIN_SECRET_BYTES = 32;
    private static final String TENANT_CLAIM = "tid";

    private final HmacKey key;
    private final String keyId;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(SecuritySettings settings, Clock clock) {
        byte[] secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("security.jwtSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new HmacKey(secret);
        this.keyId = settings.jwtKeyId();
        this.issuer = settings.jwtIssuer();
        this.audience = settings.jwtAudience();
        this.ttl = settings.accessTokenTtl().toJavaDuration();
        this.clock = clock;
    }

    /** The verified content of a token. */
    public record Claims(UUID userId, UUID tenantId, UUID tokenId, Instant expiresAt) {
    }

    /** A freshly signed token and what the service needs to remember about it. */
    public record Issued(String token, UUID tokenId, Instant expiresAt) {
    }

    public Issued issue(UUID userId, UUID tenantId) {
        var claims = new JwtClaims();
        long now = clock.millis();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(userId.toString());
        claims.setClaim(TENANT_CLAIM, tenantId.toString());
        UUID tokenId = UUID.randomUUID();
        claims.setJwtId(tokenId.toString());
        claims.setIssuedAt(NumericDate.fromMilliseconds(now));
        claims.setNotBefore(NumericDate.fromMilliseconds(now));
        claims.setExpirationTime(NumericDate.fromMilliseconds(now + ttl.toMillis()));
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(keyId);
        jws.setKey(key);
        try {
            return new Issued(jws.getCompactSerialization(), tokenId, Instant.ofEpochMilli(now + ttl.toMillis()));
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
    }

    public Duration ttl() {
        return ttl;
    }

    /** The claims of a valid token; empty for anything forged, expired, malformed or signed with another key. */
    public Optional<Claims> verify(String token) {
        return check(token).claims();
    }

    /**
     * Why a token is refused, for the audit: {@code expired} is routine (clients refresh), {@code invalid} is not
     * (a forged or altered signature, another algorithm or key, wrong issuer or audience, garbage).
     */
    public record Check(Optional<Claims> claims, String rejection) {
        static Check valid(Claims claims) {
            return new Check(Optional.of(claims), null);
        }

        static Check rejected(String why) {
            return new Check(Optional.empty(), why);
        }
    }

    public Check check(String token) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        try {
            JwtContext context = consumer.process(token);
            if (!keyId.equals(context.getJoseObjects().getFirst().getKeyIdHeaderValue())) {
                return Check.rejected("invalid");
            }
            JwtClaims claims = context.getJwtClaims();
            return Check.valid(new Claims(UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaimValue(TENANT_CLAIM)), UUID.fromString(claims.getJwtId()),
                    Instant.ofEpochMilli(claims.getExpirationTime().getValueInMillis())));
        } catch (InvalidJwtException e) {
            return Check.rejected(e.hasExpired() ? "expired" : "invalid");
        } catch (MalformedClaimException | IllegalArgumentException | NullPointerException e) {
            return Check.rejected("invalid");
        }
    }
}
