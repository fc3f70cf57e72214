package ai.healthflow.identity;

import java.time.Instant;
import java.util.UUID;

/** A {@code users} row. The password hash never leaves the identity package. */
public record UserRow(UUID id, String email, String displayName, String passwordHash, String status,
                      int failedLogins, Instant lockedUntil, Instant lastLoginAt, Instant createdAt,
                      String licenseNumber, String specialty) {
    public boolean active() {
        return "active".equals(status);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
