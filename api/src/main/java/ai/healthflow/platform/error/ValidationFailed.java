package ai.healthflow.platform.error;

import java.util.List;

/** Rules Bean Validation cannot express (a password policy, a closed list kept in code): 422 with field errors. */
public final class ValidationFailed extends ApiException {
    public ValidationFailed(List<FieldError> errors) {
        super(422, "validation-failed", "Validation failed", "Some fields are invalid; see errors.", errors);
    }

    public ValidationFailed(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }
}
