package ai.healthflow.platform.error;

import java.util.List;

/** A query or path parameter the client got wrong (400), named with what is wrong with it. */
public final class InvalidParameter extends ApiException {
    public InvalidParameter(String parameter, String message) {
        super(400, "invalid-parameter", "Invalid parameter",
                "The query parameter '" + parameter + "' " + message + ".",
                List.of(new FieldError(parameter, message)));
    }
}
