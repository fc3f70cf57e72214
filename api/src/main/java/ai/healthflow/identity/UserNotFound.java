package ai.healthflow.identity;

import ai.healthflow.platform.error.ApiException;

import java.util.UUID;

/** No such user in the caller's scope (another tenant's users are not revealed). */
public final class UserNotFound extends ApiException {
    public UserNotFound(UUID id) {
        super(404, "not-found", "Not found", "No user " + id + ".");
    }
}
