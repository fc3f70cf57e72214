package ai.healthflow.identity;

import ai.healthflow.platform.error.ApiException;

/** Changing one's own role or status: refused so an administrator cannot lock themselves (and everyone) out. */
public final class OwnAccountChange extends ApiException {
    public OwnAccountChange() {
        super(409, "own-account", "Own account", "You cannot change your own role or status; ask another administrator.");
    }
}
