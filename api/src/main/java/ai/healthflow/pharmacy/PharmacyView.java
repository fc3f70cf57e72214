package ai.healthflow.pharmacy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A pharmacy as anyone signed in sees it. Names and governorate are its tenant's.
 *
 * @param id         the pharmacy's tenant id
 * @param type       pharmacy or pharmacy_chain
 * @param phone      may be null
 * @param rating     0 to 5, null while unrated
 * @param openNow    whether its hours include the current Cairo time
 * @param distanceKm from the searched point, only in nearby answers
 */
public record PharmacyView(UUID id, String type, String nameEn, String nameAr, String addressEn, String addressAr,
                           String cityEn, String cityAr, String governorate, double latitude, double longitude,
                           String phone, boolean delivery, BigDecimal rating, OpeningHours openingHours,
                           boolean openNow, @JsonInclude(JsonInclude.Include.NON_NULL) Double distanceKm,
                           Instant updatedAt) {
}
