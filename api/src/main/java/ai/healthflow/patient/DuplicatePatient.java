package ai.healthflow.patient;

import ai.healthflow.platform.error.ApiException;

/** The tenant already has a patient with this national ID. */
public final class DuplicatePatient extends ApiException {
    public DuplicatePatient() {
        super(409, "duplicate", "Already registered", "A patient with this national ID is already registered here.");
    }
}
