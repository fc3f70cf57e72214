package ai.healthflow.search.medicine;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexableField;

import java.util.ArrayList;
import java.util.List;

/** Stores a {@link MedicineDocument} in the index's stored fields and reads it back, so hits need no database. */
final class MedicineDocuments {
    private static final String S = MedicineIndex.SOURCE_PREFIX;

    private MedicineDocuments() {
    }

    static void store(Document doc, MedicineDocument m) {
        put(doc, "registrationNo", m.registrationNo());
        put(doc, "tradeNameEn", m.tradeNameEn());
        put(doc, "tradeNameAr", m.tradeNameAr());
        put(doc, "genericNameEn", m.genericNameEn());
        put(doc, "genericNameAr", m.genericNameAr());
        m.ingredientsEn().forEach(i -> put(doc, "ingredientEn", i));
        m.ingredientsAr().forEach(i -> put(doc, "ingredientAr", i));
        put(doc, "strength", m.strength());
        put(doc, "dosageForm", m.dosageForm());
        put(doc, "route", m.route());
        put(doc, "atcCode", m.atcCode());
        put(doc, "manufacturer", m.manufacturer());
        put(doc, "gtin", m.gtin());
        if (m.priceEgp() != null) {
            doc.add(new StoredField(S + "priceEgp", m.priceEgp()));
        }
        put(doc, "status", m.status());
    }

    static MedicineDocument load(Document doc) {
        IndexableField price = doc.getField(S + "priceEgp");
        return new MedicineDocument(doc.get(MedicineIndex.ID), get(doc, "registrationNo"), get(doc, "tradeNameEn"),
                get(doc, "tradeNameAr"), get(doc, "genericNameEn"), get(doc, "genericNameAr"),
                all(doc, "ingredientEn"), all(doc, "ingredientAr"), get(doc, "strength"), get(doc, "dosageForm"),
                get(doc, "route"), get(doc, "atcCode"), get(doc, "manufacturer"), get(doc, "gtin"),
                price == null ? null : price.numericValue().doubleValue(), get(doc, "status"));
    }

    private static void put(Document doc, String name, String value) {
        if (value != null) {
            doc.add(new StoredField(S + name, value));
        }
    }

    private static String get(Document doc, String name) {
        return doc.get(S + name);
    }

    private static List<String> all(Document doc, String name) {
        return new ArrayList<>(List.of(doc.getValues(S + name)));
    }
}
