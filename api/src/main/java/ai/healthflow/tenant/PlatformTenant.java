package ai.healthflow.tenant;

import java.util.UUID;

/** The platform operator's own tenant, created by the identity migration: home of the first super admin. */
public final class PlatformTenant {
    public static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private PlatformTenant() {
    }
}
