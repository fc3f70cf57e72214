package ai.healthflow.prescription;

import ai.healthflow.platform.error.ApiException;

/** The prescription's state forbids this: already dispensed, cancelled, expired, or more than what remains. */
public final class PrescriptionConflict extends ApiException {
    public PrescriptionConflict(String detail) {
        super(409, "conflict", "Conflict", detail);
    }
}
