package ai.healthflow.invitation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * Body of {@code POST /api/v2/invitations}.
 *
 * @param tenantId only for callers who administer every tenant ({@code users:write}); others invite into their own
 */
public record CreateInvitationRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Pattern(regexp = "[a-z][a-z_]{1,40}", message = "must be a role name") String role,
        UUID tenantId) {
}
