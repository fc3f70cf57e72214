package ai.healthflow.medicine;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Body of {@code POST /api/v2/medicines}; checked by {@link MedicineValidator} (422 lists every field at fault).
 * Combinations name their ingredients joined by " + " in both generic names.
 */
public record CreateMedicineRequest(String registrationNo, String tradeNameEn, String tradeNameAr,
                                    String genericNameEn, String genericNameAr, String strength, String dosageForm,
                                    String route, String atcCode, String manufacturer, String gtin,
                                    BigDecimal priceEgp, String status, LocalDate registeredOn) {

    MedicineFields fields() {
        return new MedicineFields(trim(registrationNo), trim(tradeNameEn), trim(tradeNameAr), trim(genericNameEn),
                trim(genericNameAr), trim(strength), trim(dosageForm), trim(route), trim(atcCode), trim(manufacturer),
                trim(gtin), priceEgp, status == null ? "registered" : status.strip(), registeredOn);
    }

    static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
