package ai.healthflow.invitation;

import java.util.UUID;

/** Answer of an accepted invitation: the account that now exists (sign in to get a token). */
public record AcceptedInvitation(UUID userId, String email, String name, UUID tenantId, String tenantName,
                                 String role) {
}
