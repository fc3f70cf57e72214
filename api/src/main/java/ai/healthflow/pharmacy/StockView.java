package ai.healthflow.pharmacy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One medicine in a pharmacy's stock, as the pharmacy's own staff see it.
 *
 * @param officialPriceEgp   the registry's price, null when the medicine has none
 * @param aboveOfficialPrice the selling price is higher than the official one (shown, not refused: the official
 *                           price may have changed after the pharmacy set its own)
 * @param updatedBy          the user who last changed it
 */
public record StockView(UUID pharmacyId, UUID medicineId, String registrationNo, String tradeNameEn,
                        String tradeNameAr, String strength, String dosageForm, int quantity, BigDecimal priceEgp,
                        BigDecimal officialPriceEgp, boolean aboveOfficialPrice, Instant updatedAt, UUID updatedBy) {
}
