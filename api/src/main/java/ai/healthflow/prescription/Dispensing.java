package ai.healthflow.prescription;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Timestamps;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.ValidationFailed;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One dispensing, inside the caller's transaction, with the prescription row locked for its whole duration. */
final class Dispensing {
    private final Handle handle;
    private final Clock clock;
    private final AuditLog audit;

    Dispensing(Handle handle, Clock clock, AuditLog audit) {
        this.handle = handle;
        this.clock = clock;
        this.audit = audit;
    }

    private record Line(UUID id, UUID medicineId, int quantity, int dispensed) {
        int remaining() {
            return quantity - dispensed;
        }
    }

    PrescriptionView dispense(Actor actor, UUID id, DispenseRequest request, PrescriptionReader reader) {
        Caller caller = actor.caller();
        Instant now = clock.instant();
        record State(String status, Instant expiresAt, boolean substitution) {
        }
        State state = handle.createQuery("SELECT status, expires_at, allow_substitution FROM prescriptions WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map((rs, ctx) -> new State(rs.getString(1), Timestamps.instant(rs, "expires_at"), rs.getBoolean(3)))
                .findOne().orElseThrow(PrescriptionNotFound::new);
        if (!PrescriptionService.open(state.status())) {
            throw new PrescriptionConflict("This prescription is " + state.status().replace('_', ' ') + "; nothing more can be dispensed.");
        }
        if (!state.expiresAt().isAfter(now)) {
            throw new PrescriptionConflict("This prescription expired at " + state.expiresAt() + ".");
        }
        Map<UUID, Line> lines = new HashMap<>();
        handle.createQuery("SELECT id, medicine_id, quantity, quantity_dispensed FROM prescription_items WHERE prescription_id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Line(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getInt(4)))
                .forEach(line -> lines.put(line.id(), line));

        List<FieldError> errors = new ArrayList<>();
        List<String> overDispensed = new ArrayList<>();
        Map<UUID, UUID> dispensedMedicine = new LinkedHashMap<>();
        for (int i = 0; i < request.items().size(); i++) {
            DispenseRequest.Item item = request.items().get(i);
            String at = "items[" + i + "]";
            Line line = lines.get(item.itemId());
            if (line == null) {
                errors.add(new FieldError(at + ".itemId", "is not an item of this prescription"));
                continue;
            }
            if (item.quantity() > line.remaining()) {
                overDispensed.add("item " + item.itemId() + ": " + line.remaining() + " remaining, " + item.quantity() + " asked");
            }
            UUID medicine = line.medicineId();
            if (item.substituteMedicineId() != null && !item.substituteMedicineId().equals(line.medicineId())) {
                if (!state.substitution()) {
                    errors.add(new FieldError(at + ".substituteMedicineId", "the prescriber did not allow substitution"));
                    continue;
                }
                if (!equivalent(line.medicineId(), item.substituteMedicineId())) {
                    errors.add(new FieldError(at + ".substituteMedicineId",
                            "is not a therapeutic equivalent (same ingredients, strength and dosage form)"));
                    continue;
                }
                medicine = item.substituteMedicineId();
            }
            String refusal = Prescribability.refusals(handle, List.of(medicine)).get(medicine);
            if (refusal != null) {
                errors.add(new FieldError(at + (medicine.equals(line.medicineId()) ? ".itemId" : ".substituteMedicineId"),
                        "the medicine " + refusal));
            } else if (Prescribability.batchRecalled(handle, medicine, item.batchNumber())) {
                errors.add(new FieldError(at + ".batchNumber", "this batch is under an active recall; quarantine it"));
            }
            dispensedMedicine.put(item.itemId(), medicine);
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (!overDispensed.isEmpty()) {
            throw new PrescriptionConflict("More than remains: " + String.join("; ", overDispensed) + ".");
        }
        takeFromStock(caller.tenantId(), request, dispensedMedicine);

        UUID dispensingId = handle.createQuery("""
                        INSERT INTO dispensings (prescription_id, tenant_id, pharmacist_id, dispensed_at)
                        VALUES (:prescription, :tenant, :pharmacist, :now) RETURNING id
                        """)
                .bind("prescription", id).bind("tenant", caller.tenantId()).bind("pharmacist", caller.userId())
                .bind("now", Timestamps.utc(now))
                .mapTo(UUID.class).one();
        boolean complete = true;
        for (DispenseRequest.Item item : request.items()) {
            Line line = lines.get(item.itemId());
            UUID medicine = dispensedMedicine.get(item.itemId());
            handle.createUpdate("""
                            INSERT INTO dispensing_items (dispensing_id, item_id, medicine_id, quantity, batch_number, substituted)
                            VALUES (:dispensing, :item, :medicine, :quantity, :batch, :substituted)
                            """)
                    .bind("dispensing", dispensingId).bind("item", item.itemId()).bind("medicine", medicine)
                    .bind("quantity", item.quantity()).bind("batch", item.batchNumber().strip().toUpperCase(java.util.Locale.ROOT))
                    .bind("substituted", !medicine.equals(line.medicineId()))
                    .execute();
            handle.createUpdate("UPDATE prescription_items SET quantity_dispensed = quantity_dispensed + :q WHERE id = :item")
                    .bind("q", item.quantity()).bind("item", item.itemId()).execute();
            lines.put(line.id(), new Line(line.id(), line.medicineId(), line.quantity(), line.dispensed() + item.quantity()));
        }
        for (Line line : lines.values()) {
            complete &= line.remaining() == 0;
        }
        String status = complete ? "dispensed" : "partially_dispensed";
        handle.createUpdate("UPDATE prescriptions SET status = :status, updated_at = :now WHERE id = :id")
                .bind("status", status).bind("now", Timestamps.utc(now)).bind("id", id).execute();
        var changes = new LinkedHashMap<String, Object>();
        changes.put("dispensingId", dispensingId);
        changes.put("status", status);
        changes.put("items", request.items().stream().map(i -> Map.of("itemId", i.itemId(), "quantity", i.quantity(),
                "batchNumber", i.batchNumber(), "medicineId", dispensedMedicine.get(i.itemId()))).toList());
        audit.record(handle, actor, AuditEvent.of("prescription.dispensed", "prescription", id, caller.tenantId())
                .withChanges(changes));
        return reader.load(handle, id);
    }

    /**
     * A pharmacy that keeps stock of a medicine in HealthFlow has it decremented in the same transaction (the stock
     * row is locked by the update, so concurrent dispensings cannot both take the last units); not having enough is
     * a 409 and nothing is written. A medicine the pharmacy does not track is dispensed without a stock change.
     */
    private void takeFromStock(UUID pharmacy, DispenseRequest request, Map<UUID, UUID> dispensedMedicine) {
        Map<UUID, Integer> wanted = new LinkedHashMap<>();
        for (DispenseRequest.Item item : request.items()) {
            wanted.merge(dispensedMedicine.get(item.itemId()), item.quantity(), Integer::sum);
        }
        List<String> short_ = new ArrayList<>();
        for (Map.Entry<UUID, Integer> entry : wanted.entrySet()) {
            Integer left = handle.createQuery("""
                            UPDATE pharmacy_stock SET quantity = quantity - :q, updated_at = :now
                             WHERE tenant_id = :pharmacy AND medicine_id = :medicine AND quantity >= :q
                            RETURNING quantity
                            """)
                    .bind("q", entry.getValue()).bind("now", Timestamps.utc(clock.instant()))
                    .bind("pharmacy", pharmacy).bind("medicine", entry.getKey())
                    .mapTo(Integer.class).findOne().orElse(null);
            if (left == null) {
                handle.createQuery("SELECT quantity FROM pharmacy_stock WHERE tenant_id = :pharmacy AND medicine_id = :medicine")
                        .bind("pharmacy", pharmacy).bind("medicine", entry.getKey())
                        .mapTo(Integer.class).findOne()
                        .ifPresent(have -> short_.add("medicine " + entry.getKey() + ": " + have + " in stock, "
                                + entry.getValue() + " needed"));
            }
        }
        if (!short_.isEmpty()) {
            throw new PrescriptionConflict("Not enough stock: " + String.join("; ", short_) + ".");
        }
    }

    /** Same set of active ingredients, same strength, same dosage form. */
    private boolean equivalent(UUID prescribed, UUID substitute) {
        return handle.createQuery("""
                        SELECT EXISTS (
                            SELECT 1 FROM medicines a, medicines b
                             WHERE a.id = :a AND b.id = :b
                               AND lower(coalesce(a.strength, '')) = lower(coalesce(b.strength, ''))
                               AND lower(a.dosage_form) = lower(b.dosage_form)
                               AND ARRAY(SELECT ingredient_id FROM medicine_ingredients WHERE medicine_id = a.id ORDER BY 1)
                                 = ARRAY(SELECT ingredient_id FROM medicine_ingredients WHERE medicine_id = b.id ORDER BY 1))
                        """)
                .bind("a", prescribed).bind("b", substitute)
                .mapTo(Boolean.class).one();
    }
}
