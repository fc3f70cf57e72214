package ai.healthflow.interaction;

import java.time.Instant;

/**
 * A class rule: {@code drugClass} × {@code otherClass} (the same class on both sides: two different members) or
 * {@code drugClass} × {@code otherIngredient}.
 */
public record ClassRuleView(DrugClassRef drugClass, DrugClassRef otherClass, String otherIngredient, String severity,
                            String descriptionEn, String descriptionAr, String managementEn, String managementAr,
                            String source, Instant updatedAt) {

    public record DrugClassRef(String code, String nameEn, String nameAr) {
    }
}
