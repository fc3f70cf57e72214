package ai.healthflow.search.medicine;

import java.util.List;
import java.util.Map;

/**
 * @param total  matching documents
 * @param hits   the requested page, best first
 * @param facets field (dosageForm, manufacturer, status) → value → matching documents, over all matches
 */
public record SearchResults(long total, List<MedicineHit> hits, Map<String, Map<String, Integer>> facets) {
}
