package ai.healthflow.identity;

import java.util.UUID;

/** A {@code users} row. The password hash never leaves the identity package. */
public record UserRow(UUID id, String email, String displayName, String passwordHash, String status) {
    public boolean active() {
        return "active".equals(status);
    }
}
