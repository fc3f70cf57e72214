package ai.healthflow.interaction;

import java.time.Instant;

/**
 * One pair of the knowledge base, in canonical order.
 *
 * @param origin {@code bundled} (the file shipped with the service) or {@code import} (the regulator's)
 */
public record InteractionView(String ingredientA, String ingredientB, String severity, String descriptionEn,
                              String descriptionAr, String managementEn, String managementAr, String source,
                              String origin, Instant updatedAt) {
}
