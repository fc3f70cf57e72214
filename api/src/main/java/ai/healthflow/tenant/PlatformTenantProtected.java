package ai.healthflow.tenant;

import ai.healthflow.platform.error.ApiException;

/** Suspending the platform's own tenant would lock every super admin out. */
public final class PlatformTenantProtected extends ApiException {
    public PlatformTenantProtected() {
        super(409, "platform-tenant-protected", "Platform tenant protected",
                "The HealthFlow Platform tenant cannot be suspended.");
    }
}
