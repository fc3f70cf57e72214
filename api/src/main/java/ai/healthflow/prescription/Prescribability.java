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

    /** A medicine as the prescription shows it, with why it may not be used (null when it may). */
    record Candidate(UUID id, String tradeNameEn, String tradeNameAr, String strength, String dosageForm,
                     String refusal) {
        PrescriptionView.Medicine view() {
            return new PrescriptionView.Medicine(id, tradeNameEn, tradeNameAr, strength, dosageForm);
        }
    }

    /** medicine id → why it is refused; absent when it may be used. */
    static Map<UUID, String> refusals(Handle handle, Collection<UUID> medicineIds) {
        Map<UUID, String> refusals = new HashMap<>();
        Map<UUID, Candidate> found = candidates(handle, medicineIds);
        for (UUID id : medicineIds) {
            Candidate candidate = found.get(id);
            String refusal = candidate == null ? UNKNOWN : candidate.refusal();
            if (refusal != null) {
                refusals.put(id, refusal);
            }
        }
        return refusals;
    }

    private static final String UNKNOWN = "no medicine with this id";

    /** The medicines found (unknown ids are absent), each with its refusal if any: one round trip. */
    static Map<UUID, Candidate> candidates(Handle handle, Collection<UUID> medicineIds) {
        Map<UUID, Candidate> candidates = new HashMap<>();
        handle.createQuery("""
                        SELECT m.id, m.status, m.trade_name_en, m.trade_name_ar, m.strength, m.dosage_form,
                               EXISTS (SELECT 1 FROM recalls r WHERE r.medicine_id = m.id AND r.status = 'active'
                                                                 AND r.all_batches) AS recalled
                          FROM medicines m WHERE m.id = ANY(:ids)
                        """)
                .bindArray("ids", UUID.class, medicineIds)
                .map((rs, ctx) -> {
                    String status = rs.getString("status");
                    String refusal = !"registered".equals(status)
                            ? "is " + status + " and cannot be prescribed or dispensed"
                            : rs.getBoolean("recalled")
                            ? "is under an active recall of all batches and cannot be prescribed or dispensed" : null;
                    UUID id = rs.getObject("id", UUID.class);
                    return new Candidate(id, rs.getString("trade_name_en"), rs.getString("trade_name_ar"),
                            rs.getString("strength"), rs.getString("dosage_form"), refusal);
                })
                .forEach(c -> candidates.put(c.id(), c));
        return candidates;
    }

    static String refusalOf(Map<UUID, Candidate> candidates, UUID id) {
        Candidate candidate = candidates.get(id);
        return candidate == null ? UNKNOWN : candidate.refusal();
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
