package ai.healthflow.push;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A {@code devices} row (public only because JDBI maps it). */
public record DeviceRow(UUID id, UUID tenantId, UUID userId, String platform, String token, String language,
                        Instant createdAt, Instant lastSeenAt) {
    private static final int SHOWN_TOKEN_CHARS = 6;

    DeviceView view() {
        return new DeviceView(id, platform, language, token.substring(Math.max(0, token.length() - SHOWN_TOKEN_CHARS)),
                createdAt, lastSeenAt);
    }

    boolean ownedBy(UUID user, UUID tenant) {
        return userId.equals(user) && tenantId.equals(tenant);
    }

    /** What the audit trail records about a device: never the token. */
    Map<String, Object> auditFields() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("platform", platform);
        fields.put("language", language);
        return fields;
    }
}
