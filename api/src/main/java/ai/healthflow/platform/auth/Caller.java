package ai.healthflow.platform.auth;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, in which tenant, with which permissions: loaded fresh from the database for every request, so a
 * disabled user or a changed role takes effect at once.
 */
public record Caller(UUID userId, String email, String name, UUID tenantId, String tenantName, String role,
                     Set<String> permissions) implements Principal {

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
