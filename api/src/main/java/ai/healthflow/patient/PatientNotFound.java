package ai.healthflow.patient;

import ai.healthflow.platform.error.ApiException;

/** No patient with this id in the caller's tenant. */
public final class PatientNotFound extends ApiException {
    public PatientNotFound() {
        super(404, "not-found", "Not found", "No such patient.");
    }
}
