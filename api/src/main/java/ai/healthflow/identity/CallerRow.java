package ai.healthflow.identity;

import java.util.List;
import java.util.UUID;

/** What authenticating one request needs, read in one query. */
public record CallerRow(UUID userId, String email, String displayName, UUID tenantId, String tenantName,
                        String role, int roleLevel, List<String> permissions) {
}
