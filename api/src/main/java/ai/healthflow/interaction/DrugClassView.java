package ai.healthflow.interaction;

import java.util.List;

/**
 * A drug class. A patient allergy of kind {@code class} names it by {@code code} (in lowercase).
 *
 * @param allergyRelevant whether an allergy to one member warns on the others (cross-reactivity)
 * @param members         member ingredients, lowercase English names
 */
public record DrugClassView(String code, String nameEn, String nameAr, boolean allergyRelevant, List<String> members) {
}
