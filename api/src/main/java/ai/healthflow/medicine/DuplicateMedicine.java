package ai.healthflow.medicine;

import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;

import java.util.List;

/** Registration numbers and GTINs identify one product each. */
public final class DuplicateMedicine extends ApiException {
    public DuplicateMedicine() {
        super(409, "duplicate-medicine", "Duplicate medicine",
                "Another medicine has this registration number or GTIN.",
                List.of(new FieldError("registrationNo", "or gtin already registered")));
    }
}
