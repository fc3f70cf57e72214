package ai.healthflow.identity;

import ai.healthflow.platform.error.ApiException;

/** Nobody grants a role ranked above their own, or manages someone ranked above them. */
public final class RoleNotGrantable extends ApiException {
    public RoleNotGrantable(String detail) {
        super(403, "role-not-grantable", "Forbidden", detail);
    }
}
