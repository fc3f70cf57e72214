package ai.healthflow.notification;

import ai.healthflow.platform.error.ApiException;

/** No notification with this id for the caller (another user's is not found either). */
public final class NotificationNotFound extends ApiException {
    public NotificationNotFound() {
        super(404, "not-found", "Not found", "No such notification.");
    }
}
