package ai.healthflow.invitation;

import ai.healthflow.platform.error.ApiException;

/** A tenant admin invites into their own tenant only. */
public final class CannotInviteIntoTenant extends ApiException {
    public CannotInviteIntoTenant() {
        super(403, "forbidden", "Forbidden", "You can invite people into your own tenant only.");
    }
}
