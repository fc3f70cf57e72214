package ai.healthflow.signal;

import ai.healthflow.platform.error.ApiException;

/** No completed signal-detection run with this id. */
public final class SignalRunNotFound extends ApiException {
    public SignalRunNotFound(long runId) {
        super(404, "not-found", "Not found", "No completed signal-detection run " + runId + ".");
    }
}
