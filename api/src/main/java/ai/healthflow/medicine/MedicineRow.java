package ai.healthflow.medicine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A {@code medicines} row. */
public record MedicineRow(UUID id, String registrationNo, String tradeNameEn, String tradeNameAr,
                          String genericNameEn, String genericNameAr, String strength, String dosageForm,
                          String route, String atcCode, String manufacturer, String gtin, BigDecimal priceEgp,
                          String status, LocalDate registeredOn, Instant createdAt, Instant updatedAt) {
}
