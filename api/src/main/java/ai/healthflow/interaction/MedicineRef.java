package ai.healthflow.interaction;

import java.util.UUID;

/** A registry product as findings name it. */
public record MedicineRef(UUID id, String tradeNameEn, String tradeNameAr) {
}
