package ai.healthflow.prescription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A prescription with its items (prescribed, dispensed, remaining), the findings of the checks (with override
 * reasons), its dispensings, and the signed QR payload.
 */
public record PrescriptionView(UUID id, String code, String qrPayload, String status, Patient patient,
                               Prescriber prescriber, UUID tenantId, UUID consultationId, List<Item> items,
                               List<Finding> findings, List<Dispensing> dispensings, String notes,
                               boolean allowSubstitution, Instant issuedAt, Instant expiresAt, Instant cancelledAt,
                               String cancelReason) {

    public record Patient(UUID id, String nameEn, String nameAr) {
    }

    public record Prescriber(UUID id, String name) {
    }

    public record Medicine(UUID id, String tradeNameEn, String tradeNameAr, String strength, String dosageForm) {
    }

    public record Item(UUID id, int position, Medicine medicine, String dose, String frequency, int durationDays,
                       int quantity, int quantityDispensed, int remaining, String instructionsEn,
                       String instructionsAr) {
    }

    public record Dispensing(UUID id, UUID pharmacyTenantId, String pharmacyName, UUID pharmacistId,
                             Instant dispensedAt, List<DispensedItem> items) {
    }

    public record DispensedItem(UUID itemId, UUID medicineId, String tradeNameEn, int quantity, String batchNumber,
                                boolean substituted) {
    }
}
