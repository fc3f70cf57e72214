package ai.healthflow.invitation;

import ai.healthflow.platform.error.ApiException;

/** No such invitation (or token), or one of another tenant. */
public final class InvitationNotFound extends ApiException {
    public InvitationNotFound() {
        super(404, "not-found", "Not found", "No such invitation.");
    }
}
