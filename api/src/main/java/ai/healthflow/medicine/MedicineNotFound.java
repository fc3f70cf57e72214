package ai.healthflow.medicine;

import ai.healthflow.platform.error.ApiException;

/** No medicine with this id or barcode. */
public final class MedicineNotFound extends ApiException {
    public MedicineNotFound(String what) {
        super(404, "not-found", "Not found", "No medicine " + what + ".");
    }
}
