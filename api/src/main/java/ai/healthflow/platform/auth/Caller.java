package ai.healthflow.platform.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, in which tenant, with which permissions: loaded fresh from the database for every request, so a
 * disabled user or a changed role takes effect at once.
 *
 * @param roleLevel      the role's rank, 0 highest: nobody grants a role ranked above their own
 * @param tokenId        the access token's {@code jti}, for logout
 * @param tokenExpiresAt when the access token expires
 */
public record Caller(UUID userId, String email, String name, UUID tenantId, String tenantName, String role,
                     int roleLevel, Set<String> permissions, UUID tokenId, Instant tokenExpiresAt)
        implements Principal {

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    @Override
    public String getName() {
        return email;
    }

    public boolean can(String permission) {
        return Permissions.grants(permissions, permission);
    }
}
