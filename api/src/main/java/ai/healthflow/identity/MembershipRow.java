package ai.healthflow.identity;

import java.util.List;
import java.util.UUID;

/** A user's membership in a tenant, with the role's permissions. */
public record MembershipRow(UUID userId, UUID tenantId, String tenantName, String tenantType, String tenantStatus,
                            String role, int roleLevel, List<String> permissions) {
    public boolean tenantActive() {
        return "active".equals(tenantStatus);
    }
}
