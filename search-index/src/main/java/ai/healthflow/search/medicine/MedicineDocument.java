package ai.healthflow.search.medicine;

import java.util.List;

/** What the index knows of a medicine: the registry fields needed to find, filter, rank and show it. */
public record MedicineDocument(String id, String registrationNo, String tradeNameEn, String tradeNameAr,
                               String genericNameEn, String genericNameAr, List<String> ingredientsEn,
                               List<String> ingredientsAr, String strength, String dosageForm, String route,
                               String atcCode, String manufacturer, String gtin, Double priceEgp, String status) {
    public MedicineDocument {
        ingredientsEn = List.copyOf(ingredientsEn);
        ingredientsAr = List.copyOf(ingredientsAr);
    }
}
