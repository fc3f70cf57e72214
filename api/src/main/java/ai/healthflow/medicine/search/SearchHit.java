package ai.healthflow.medicine.search;

import ai.healthflow.medicine.ActiveRecall;
import ai.healthflow.search.medicine.MedicineHit;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * A search hit ({@code medicine}, {@code score}, {@code highlights}) with the medicine's active recalls, read from
 * the database for every answer (cached hits may be older than a recall).
 */
public record SearchHit(@JsonUnwrapped MedicineHit hit, boolean underRecall, List<ActiveRecall> activeRecalls) {
}
