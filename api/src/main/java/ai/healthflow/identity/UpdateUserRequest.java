package ai.healthflow.identity;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/v2/users/{id}}: absent fields stay as they are.
 *
 * @param role   the user's role in the tenant being administered
 * @param status {@code active} or {@code disabled}; disabling ends every session at once
 * @param unlock {@code true} clears a lockout after failed sign-ins
 * @param licenseNumber a provider's professional licence number ({@code ""} clears it)
 * @param specialty     a provider's specialty, e.g. Cardiology ({@code ""} clears it)
 */
public record UpdateUserRequest(
        @Size(min = 1, max = 200) String name,
        @Pattern(regexp = "[a-z][a-z_]{1,40}", message = "must be a role name") String role,
        @Pattern(regexp = "active|disabled", message = "must be active or disabled") String status,
        Boolean unlock,
        @Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9/-]{2,39}", message = "must be 3-40 letters, digits, '/' or '-' (\"\" clears it)") String licenseNumber,
        @Size(max = 100) String specialty) {

    @AssertTrue(message = "must change at least one field")
    public boolean isChangingSomething() {
        return name != null || role != null || status != null || Boolean.TRUE.equals(unlock) || licenseNumber != null
                || specialty != null;
    }
}
