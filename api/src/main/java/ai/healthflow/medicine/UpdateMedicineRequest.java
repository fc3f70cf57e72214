package ai.healthflow.medicine;

import java.math.BigDecimal;
import java.time.LocalDate;

import static ai.healthflow.medicine.CreateMedicineRequest.trim;

/** Body of {@code PATCH /api/v2/medicines/{id}}: the fields to change; absent fields stay as they are. */
public record UpdateMedicineRequest(String registrationNo, String tradeNameEn, String tradeNameAr,
                                    String genericNameEn, String genericNameAr, String strength, String dosageForm,
                                    String route, String atcCode, String manufacturer, String gtin,
                                    BigDecimal priceEgp, String status, LocalDate registeredOn) {

    boolean isEmpty() {
        return registrationNo == null && tradeNameEn == null && tradeNameAr == null && genericNameEn == null
                && genericNameAr == null && strength == null && dosageForm == null && route == null && atcCode == null
                && manufacturer == null && gtin == null && priceEgp == null && status == null && registeredOn == null;
    }

    MedicineFields applyTo(MedicineFields current) {
        return new MedicineFields(
                registrationNo != null ? trim(registrationNo) : current.registrationNo(),
                tradeNameEn != null ? trim(tradeNameEn) : current.tradeNameEn(),
                tradeNameAr != null ? trim(tradeNameAr) : current.tradeNameAr(),
                genericNameEn != null ? trim(genericNameEn) : current.genericNameEn(),
                genericNameAr != null ? trim(genericNameAr) : current.genericNameAr(),
                strength != null ? trim(strength) : current.strength(),
                dosageForm != null ? trim(dosageForm) : current.dosageForm(),
                route != null ? trim(route) : current.route(),
                atcCode != null ? trim(atcCode) : current.atcCode(),
                manufacturer != null ? trim(manufacturer) : current.manufacturer(),
                gtin != null ? trim(gtin) : current.gtin(),
                priceEgp != null ? priceEgp : current.priceEgp(),
                status != null ? status.strip() : current.status(),
                registeredOn != null ? registeredOn : current.registeredOn());
    }
}
