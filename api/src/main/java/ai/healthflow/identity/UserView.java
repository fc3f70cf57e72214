package ai.healthflow.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user as administrators see them, with the memberships visible to the caller. {@code lockedUntil} and
 * {@code failedLogins} show a lockout in progress. Doctors and pharmacists carry their professional licence number
 * (syndicate registration) and specialty.
 */
public record UserView(UUID id, String email, String name, String status, Instant lockedUntil, int failedLogins,
                       Instant lastLoginAt, Instant createdAt, String licenseNumber, String specialty,
                       List<Membership> memberships) {

    public record Membership(UUID tenantId, String tenantName, String role) {
    }

    static UserView of(UserRow user, List<MembershipRow> memberships) {
        return new UserView(user.id(), user.email(), user.displayName(), user.status(), user.lockedUntil(),
                user.failedLogins(), user.lastLoginAt(), user.createdAt(), user.licenseNumber(), user.specialty(),
                memberships.stream().filter(m -> m.userId().equals(user.id()))
                        .map(m -> new Membership(m.tenantId(), m.tenantName(), m.role())).toList());
    }
}
