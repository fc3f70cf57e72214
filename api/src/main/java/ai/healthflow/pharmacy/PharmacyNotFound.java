package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.ApiException;

import java.util.UUID;

/** No pharmacy or pharmacy-chain tenant with a profile under this id (or one the caller may not see). */
public final class PharmacyNotFound extends ApiException {
    public PharmacyNotFound(UUID id) {
        super(404, "not-found", "Not found", "No pharmacy " + id + ".");
    }
}
