package ai.healthflow.invitation;

import ai.healthflow.platform.error.ApiException;

/** The invitation was used already or has expired: ask for a new one. */
public final class InvitationNoLongerValid extends ApiException {
    public InvitationNoLongerValid(String why) {
        super(410, "invitation-gone", "Invitation no longer valid", "This invitation " + why + "; ask for a new one.");
    }
}
