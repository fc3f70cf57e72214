package ai.healthflow.notification;

import java.util.Set;

/**
 * Who receives a fan-out: the active users of every active tenant of the given types, optionally only those with
 * one of the given roles (empty: every role).
 */
public record Audience(Set<String> tenantTypes, Set<String> roles) {
    public Audience {
        tenantTypes = Set.copyOf(tenantTypes);
        roles = Set.copyOf(roles);
        if (tenantTypes.isEmpty()) {
            throw new IllegalArgumentException("an audience names at least one tenant type");
        }
    }
}
