package ai.healthflow.pharmacy;

import java.math.BigDecimal;

/**
 * Body of {@code PUT /api/v2/pharmacies/{id}}: the whole profile (absent optional fields are cleared). Names are
 * the tenant's and change through {@code PATCH /api/v2/tenants/{id}}; the governorate given here becomes the
 * tenant's.
 *
 * @param phone        optional: digits, spaces, '-', a leading '+'
 * @param rating       0 to 5 with one decimal; set by the platform only (a pharmacy cannot rate itself)
 * @param openingHours required; {@code {"open24h": true}} or intervals per weekday
 */
public record PharmacyProfileRequest(String addressEn, String addressAr, String cityEn, String cityAr,
                                     String governorate, Double latitude, Double longitude, String phone,
                                     Boolean delivery, BigDecimal rating, OpeningHours openingHours) {
}
