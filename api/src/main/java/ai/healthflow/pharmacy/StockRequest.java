package ai.healthflow.pharmacy;

import java.math.BigDecimal;

/** Body of {@code PUT /api/v2/pharmacies/{id}/stock/{medicineId}}: packs on hand and the pharmacy's selling price. */
public record StockRequest(Integer quantity, BigDecimal priceEgp) {
}
