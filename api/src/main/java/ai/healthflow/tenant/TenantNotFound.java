package ai.healthflow.tenant;

import ai.healthflow.platform.error.ApiException;

import java.util.UUID;

/** No such tenant, or one the caller may not see (never 403: another tenant's existence is not revealed). */
public final class TenantNotFound extends ApiException {
    public TenantNotFound(UUID id) {
        super(404, "not-found", "Not found", "No tenant " + id + ".");
    }
}
