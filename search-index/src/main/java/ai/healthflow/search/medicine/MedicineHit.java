package ai.healthflow.search.medicine;

import java.util.Map;

/**
 * One result: the document, its score, and the matched words of its names wrapped in {@code <em>…</em>}.
 *
 * @param highlights field name → the field's text with matches marked; only fields with a match
 */
public record MedicineHit(MedicineDocument medicine, float score, Map<String, String> highlights) {
}
