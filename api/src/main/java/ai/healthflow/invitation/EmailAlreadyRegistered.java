package ai.healthflow.invitation;

import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;

import java.util.List;

/** An account with this email exists: it cannot be created again from an invitation. */
public final class EmailAlreadyRegistered extends ApiException {
    public EmailAlreadyRegistered() {
        super(409, "email-registered", "Email already registered",
                "An account with this email exists already; ask an administrator to add it to the tenant.",
                List.of(new FieldError("email", "already registered")));
    }
}
