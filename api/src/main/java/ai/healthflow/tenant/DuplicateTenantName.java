package ai.healthflow.tenant;

import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;

import java.util.List;

/** Tenant English names are unique (case-insensitively). */
public final class DuplicateTenantName extends ApiException {
    public DuplicateTenantName(String name) {
        super(409, "duplicate-tenant", "Duplicate tenant", "A tenant named '" + name + "' exists already.",
                List.of(new FieldError("nameEn", "already used by another tenant")));
    }
}
