package ai.healthflow.platform.auth;

import java.util.Collection;

/**
 * Permission strings are {@code resource:action}; a held {@code resource:*} grants every action on the resource.
 * {@code tenant:resource:action} is the same right limited to the caller's own tenant, so a held global
 * permission also grants its tenant form (the super admin's {@code users:*} covers {@code tenant:users:write}).
 */
public final class Permissions {
    static final String TENANT_PREFIX = "tenant:";

    private Permissions() {
    }

    public static boolean grants(Collection<String> held, String required) {
        if (required.startsWith(TENANT_PREFIX) && grants(held, required.substring(TENANT_PREFIX.length()))) {
            return true;
        }
        for (String permission : held) {
            if (permission.equals(required)) {
                return true;
            }
            if (permission.endsWith(":*")
                    && required.startsWith(permission.substring(0, permission.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
