package ai.healthflow.invitation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v2/invitations/{token}/accept}: the new account's name and password. */
public record AcceptInvitationRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(max = 256) String password) {
}
