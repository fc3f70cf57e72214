package ai.healthflow.invitation;

import java.time.Instant;
import java.util.UUID;

/** An invitation as administrators see it; the token itself only ever travels in the email. */
public record InvitationView(UUID id, UUID tenantId, String tenantName, String email, String role, UUID invitedBy,
                             Instant createdAt, Instant expiresAt, Instant acceptedAt, String status) {
}
