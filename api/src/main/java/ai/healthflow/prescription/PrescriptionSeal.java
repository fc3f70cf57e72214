package ai.healthflow.prescription;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed payload printed as the prescription's QR code: a compact JWS (HS256) naming the prescription, its code
 * and its validity, so a pharmacy app can tell a genuine printout from an edited one before asking the server.
 * The key is derived from the token secret for this purpose only, and the audience differs from access tokens',
 * so a QR payload can never pass as a credential.
 */
public final class PrescriptionSeal {
    static final String AUDIENCE = "healthflow-prescription";
    private final HmacKey key;
    private final String issuer;

    public PrescriptionSeal(String tokenSecret, String issuer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new HmacKey(mac.doFinal("prescription-qr-v1".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.issuer = issuer;
    }

    /** A QR payload for the prescription. */
    public String seal(UUID id, String code, Instant issuedAt, Instant expiresAt) {
        var claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(id.toString());
        claims.setClaim("code", code);
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromMilliseconds(issuedAt.toEpochMilli()));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(expiresAt.toEpochMilli()));
        var jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code inside a genuine payload (expiry is left to the prescription's own status), or empty. */
    public Optional<String> verify(String payload) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(AUDIENCE)
                .setRequireSubject()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(0)) // expiry: the server's status decides
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .build();
        try {
            return Optional.ofNullable(consumer.processToClaims(payload).getClaimValueAsString("code"));
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }
}
