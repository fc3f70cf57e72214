package ai.healthflow.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant as the API shows it (and as the {@code tenants} row holds it). */
public record TenantView(UUID id, String type, String nameEn, String nameAr, String governorate, String status,
                         Instant createdAt, Instant updatedAt) {
}
