package ai.healthflow.identity;

import ai.healthflow.platform.error.ApiException;

/** Unknown email, wrong password, disabled user: one answer for all, so none can be told apart. */
public final class InvalidCredentials extends ApiException {
    public InvalidCredentials() {
        super(401, "invalid-credentials", "Invalid credentials", "The email or password is incorrect.");
    }
}
