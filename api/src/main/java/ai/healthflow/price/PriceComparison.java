package ai.healthflow.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a medicine costs around a point.
 *
 * @param officialPriceEgp      the registry's current price (null when it has none)
 * @param officialPriceHistory  every official price, oldest first
 * @param summary               over every pharmacy in the area that lists the medicine, in stock or not
 * @param cheapest              the lowest price among pharmacies in the area that have it in stock (nearer first
 *                              on a tie); null when none has
 * @param pharmacies            up to {@code limit} offers: in stock first, then by price, then by distance
 * @param cheaperEquivalents    registered medicines with the same active ingredients, strength and dosage form and
 *                              a lower official price, cheapest first
 */
public record PriceComparison(Medicine medicine, BigDecimal officialPriceEgp, List<PricePoint> officialPriceHistory,
                              Area area, Summary summary, Offer cheapest, List<Offer> pharmacies,
                              List<Equivalent> cheaperEquivalents) {

    public record Medicine(UUID id, String registrationNo, String tradeNameEn, String tradeNameAr,
                           String genericNameEn, String genericNameAr, String strength, String dosageForm,
                           String status) {
    }

    public record PricePoint(BigDecimal priceEgp, Instant effectiveFrom) {
    }

    public record Area(double latitude, double longitude, double radiusKm) {
    }

    /**
     * @param pharmacies how many pharmacies in the area list the medicine
     * @param inStock    how many of them have it in stock
     */
    public record Summary(long pharmacies, long inStock, BigDecimal minPriceEgp, BigDecimal maxPriceEgp,
                          BigDecimal averagePriceEgp) {
    }

    /**
     * One pharmacy's price. Deliberately public: price, stock state and distance only, never quantities or who keeps
     * the stock.
     *
     * @param aboveOfficialPrice the pharmacy asks more than the official price
     */
    public record Offer(UUID pharmacyId, String nameEn, String nameAr, String governorate, String cityEn,
                        String cityAr, double latitude, double longitude, double distanceKm, boolean delivery,
                        BigDecimal priceEgp, boolean inStock, boolean aboveOfficialPrice) {
    }

    /** @param savingEgp the official price difference to the compared medicine */
    public record Equivalent(UUID id, String registrationNo, String tradeNameEn, String tradeNameAr,
                             String manufacturer, String strength, String dosageForm, BigDecimal officialPriceEgp,
                             BigDecimal savingEgp) {
    }
}
