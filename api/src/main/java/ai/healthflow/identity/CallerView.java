package ai.healthflow.identity;

import ai.healthflow.platform.auth.Caller;

import java.util.List;
import java.util.UUID;

/** The signed-in user as the API shows it ({@code GET /api/v2/me}, login answer). */
public record CallerView(UUID id, String email, String name, TenantRef tenant, List<String> roles,
                         List<String> permissions) {

    public record TenantRef(UUID id, String name) {
    }

    public static CallerView of(Caller caller) {
        return new CallerView(caller.userId(), caller.email(), caller.name(),
                new TenantRef(caller.tenantId(), caller.tenantName()), List.of(caller.role()),
                caller.permissions().stream().sorted().toList());
    }
}
