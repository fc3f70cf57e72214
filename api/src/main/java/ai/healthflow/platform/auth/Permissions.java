package ai.healthflow.platform.auth;

import java.util.Collection;

/**
 * Permission strings are {@code resource:action}; a held {@code resource:*} grants every action on the resource,
 * and {@code tenant:resource:*} every action inside the caller's own tenant.
 */
public final class Permissions {
    private Permissions() {
    }

    public static boolean grants(Collection<String> held, String required) {
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
