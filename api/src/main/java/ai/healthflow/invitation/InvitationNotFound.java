package ai.healthflow.invitation;

import ai.healthflow.platform.error.ApiException;

/** No invitation for this token. */
public final class InvitationNotFound extends ApiException {
    public InvitationNotFound() {
        super(404, "not-found", "Not found", "No invitation matches this link.");
    }
}
