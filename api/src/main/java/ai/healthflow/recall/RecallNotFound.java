package ai.healthflow.recall;

import ai.healthflow.platform.error.ApiException;

/** No recall with this id. */
public final class RecallNotFound extends ApiException {
    public RecallNotFound() {
        super(404, "not-found", "Not found", "No such recall.");
    }
}
