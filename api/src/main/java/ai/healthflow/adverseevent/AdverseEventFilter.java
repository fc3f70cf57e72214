package ai.healthflow.adverseevent;

import java.time.Instant;
import java.util.UUID;

/**
 * List filters; null means not filtered. Medicine and ingredient match the suspect medicines of the current
 * version; reaction matches a term (case-insensitively) or a MedDRA code; from/to bound the receipt time
 * (from inclusive, to exclusive).
 */
public record AdverseEventFilter(UUID medicineId, UUID ingredientId, String ingredientName, String reaction,
                                 Boolean serious, String status, Instant from, Instant to, Boolean overdue) {
}
