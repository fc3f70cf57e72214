package ai.healthflow.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v2/tenants}. Id, status and timestamps are the service's to set. */
public record CreateTenantRequest(
        @NotNull @Pattern(regexp = "regulator|hospital|clinic|pharmacy|pharmacy_chain",
                message = "must be one of regulator, hospital, clinic, pharmacy, pharmacy_chain") String type,
        @NotBlank @Size(max = 200) String nameEn,
        @NotBlank @Size(max = 200) String nameAr,
        @Size(max = 40) String governorate) {
}
