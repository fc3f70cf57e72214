package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.ApiException;

/** No such report, or not one the caller may see (another tenant's): the same answer either way. */
public final class AdverseEventNotFound extends ApiException {
    public AdverseEventNotFound(String what) {
        super(404, "not-found", "Not found", "No adverse-event report " + what + ".");
    }
}
