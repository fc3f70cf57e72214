package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.ApiException;

/**
 * A pharmacy's staff change only their own pharmacy. 403 rather than 404: pharmacies are a public directory, so
 * the answer reveals nothing the caller could not read anyway.
 */
public final class NotYourPharmacy extends ApiException {
    public NotYourPharmacy(String what) {
        super(403, "forbidden", "Forbidden", "Only this pharmacy's own staff can " + what + ".");
    }
}
