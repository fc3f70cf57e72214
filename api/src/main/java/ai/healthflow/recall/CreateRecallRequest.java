package ai.healthflow.recall;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A new recall (a draft). Either {@code batchNumbers} lists the affected batches or {@code allBatches} is true.
 *
 * @param recallClass {@code "class"} in JSON: I (may cause serious harm or death), II, III
 * @param level       consumer, retail or wholesale: how far down the supply chain it reaches
 */
public record CreateRecallRequest(UUID medicineId, List<String> batchNumbers, Boolean allBatches,
                                  @JsonProperty("class") String recallClass, String level, String reasonEn,
                                  String reasonAr, String instructionsEn, String instructionsAr, LocalDate startDate) {
}
