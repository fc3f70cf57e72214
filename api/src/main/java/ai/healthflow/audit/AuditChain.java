package ai.healthflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hash of an audit record: HMAC-SHA256, keyed with {@code HEALTHFLOW_AUDIT_KEY}, over the previous record's
 * hash and this record's canonical form (a JSON array of its fields in a fixed order). Without the key, a record
 * cannot be rewritten with a matching hash, even by someone with write access to the database.
 */
public final class AuditChain {
    public static final String GENESIS = "genesis";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec key;

    public AuditChain(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("security.auditKey must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public String hash(String previousHash, AuditRecord record) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(previousHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            mac.update(canonical(record).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String canonical(AuditRecord r) {
        try {
            return JSON.writeValueAsString(Arrays.asList(
                    Long.toString(r.id()),
                    DateTimeFormatter.ISO_INSTANT.format(r.occurredAt()),
                    str(r.actorId()), r.actorEmail(), str(r.tenantId()), r.action(), r.entityType(), r.entityId(),
                    r.changes(), r.requestId(), r.ip(), r.userAgent()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
