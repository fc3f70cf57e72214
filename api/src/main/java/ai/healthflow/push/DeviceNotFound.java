package ai.healthflow.push;

import ai.healthflow.platform.error.ApiException;

/** No device with this id among the caller's own (another user's device is not found either). */
public final class DeviceNotFound extends ApiException {
    public DeviceNotFound() {
        super(404, "not-found", "Not found", "No such device.");
    }
}
