package ai.healthflow.prescription;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Whether medicines may be prescribed or dispensed at all: they must exist, be registered (not suspended or
 * withdrawn) and not be under an active recall of all batches.
 */
final class Prescribability {
    private Prescribability() {
    }

    /** medicine id → why it is refused; absent when it may be used. */
    static Map<UUID, String> refusals(Handle handle, Collection<UUID> medicineIds) {
        Map<UUID, String> refusals = new HashMap<>();
        medicineIds.forEach(id -> refusals.put(id, "no medicine with this id"));
        handle.createQuery("""
                        SELECT m.id, m.status,
                               EXISTS (SELECT 1 FROM recalls r WHERE r.medicine_id = m.id AND r.status = 'active'
                                                                 AND r.all_batches) AS recalled
                          FROM medicines m WHERE m.id = ANY(:ids)
                        """)
                .bindArray("ids", UUID.class, medicineIds)
                .map((rs, ctx) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String status = rs.getString("status");
                    if (!"registered".equals(status)) {
                        refusals.put(id, "is " + status + " and cannot be prescribed or dispensed");
                    } else if (rs.getBoolean("recalled")) {
                        refusals.put(id, "is under an active recall of all batches and cannot be prescribed or dispensed");
                    } else {
                        refusals.remove(id);
                    }
                    return id;
                })
                .list();
        return refusals;
    }

    /** Whether this batch of the medicine is under an active recall (listed, or all batches). */
    static boolean batchRecalled(Handle handle, UUID medicineId, String batch) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM recalls WHERE medicine_id = :medicine AND status = 'active'
                                         AND (all_batches OR :batch = ANY(batch_numbers)))
                        """)
                .bind("medicine", medicineId).bind("batch", batch.strip().toUpperCase(java.util.Locale.ROOT))
                .mapTo(Boolean.class).one();
    }
}
