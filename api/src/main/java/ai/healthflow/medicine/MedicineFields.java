package ai.healthflow.medicine;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The editable fields of a medicine, complete: what a create request, a patch applied to a row, or an import line
 * resolve to before validation and storage.
 */
public record MedicineFields(String registrationNo, String tradeNameEn, String tradeNameAr, String genericNameEn,
                             String genericNameAr, String strength, String dosageForm, String route, String atcCode,
                             String manufacturer, String gtin, BigDecimal priceEgp, String status,
                             LocalDate registeredOn) {

    static MedicineFields of(MedicineRow row) {
        return new MedicineFields(row.registrationNo(), row.tradeNameEn(), row.tradeNameAr(), row.genericNameEn(),
                row.genericNameAr(), row.strength(), row.dosageForm(), row.route(), row.atcCode(),
                row.manufacturer(), row.gtin(), row.priceEgp(), row.status(), row.registeredOn());
    }
}
