package ai.healthflow.tenant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /api/v2/tenants/{id}}: the fields to change; absent fields stay as they are. */
public record UpdateTenantRequest(
        @Size(min = 1, max = 200) String nameEn,
        @Size(min = 1, max = 200) String nameAr,
        @Size(max = 40) String governorate,
        @Pattern(regexp = "active|suspended", message = "must be active or suspended") String status) {

    @AssertTrue(message = "must change at least one field")
    public boolean isChangingSomething() {
        return nameEn != null || nameAr != null || governorate != null || status != null;
    }
}
