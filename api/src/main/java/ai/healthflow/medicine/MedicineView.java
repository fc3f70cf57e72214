package ai.healthflow.medicine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A registered medicine as the API shows it, with its active ingredients, official price history and active
 * recalls ({@code underRecall} is true while any recall of it is active).
 */
public record MedicineView(UUID id, String registrationNo, String tradeNameEn, String tradeNameAr,
                           String genericNameEn, String genericNameAr, String strength, String dosageForm,
                           String route, String atcCode, String manufacturer, String gtin, BigDecimal priceEgp,
                           String status, LocalDate registeredOn, List<Ingredient> ingredients,
                           List<PricePoint> priceHistory, boolean underRecall, List<ActiveRecall> activeRecalls,
                           Instant createdAt, Instant updatedAt) {

    public record Ingredient(UUID id, String nameEn, String nameAr) {
    }

    public record PricePoint(BigDecimal priceEgp, Instant effectiveFrom) {
    }
}
