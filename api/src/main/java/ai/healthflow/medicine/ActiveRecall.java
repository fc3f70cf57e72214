package ai.healthflow.medicine;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An active recall of a medicine, as the registry and search results flag it. A recall of all batches means the
 * medicine must not be prescribed or dispensed at all; otherwise only the listed batches are affected.
 */
public record ActiveRecall(UUID recallId, @JsonProperty("class") String recallClass, boolean allBatches,
                           List<String> batchNumbers) {

    /** The active recalls of each of {@code medicineIds} (absent: none), in one query. */
    public static Map<UUID, List<ActiveRecall>> of(Handle handle, Collection<UUID> medicineIds) {
        Map<UUID, List<ActiveRecall>> recalls = new HashMap<>();
        if (medicineIds.isEmpty()) {
            return recalls;
        }
        handle.createQuery("""
                        SELECT id, medicine_id, recall_class, all_batches, batch_numbers FROM recalls
                         WHERE status = 'active' AND medicine_id = ANY(:ids) ORDER BY start_date, id
                        """)
                .bindArray("ids", UUID.class, medicineIds)
                .map((rs, ctx) -> Map.entry(rs.getObject("medicine_id", UUID.class),
                        new ActiveRecall(rs.getObject("id", UUID.class), rs.getString("recall_class"),
                                rs.getBoolean("all_batches"), List.of((String[]) rs.getArray("batch_numbers").getArray()))))
                .forEach(e -> recalls.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return recalls;
    }
}
