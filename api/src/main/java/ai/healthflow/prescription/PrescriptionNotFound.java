package ai.healthflow.prescription;

import ai.healthflow.platform.error.ApiException;

/** No prescription with this id or code that the caller may see. */
public final class PrescriptionNotFound extends ApiException {
    public PrescriptionNotFound() {
        super(404, "not-found", "Not found", "No such prescription.");
    }
}
