package ai.healthflow.prescription;

import ai.healthflow.platform.auth.Caller;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.instant;

/** Reads a prescription with everything shown about it, and decides who may see it. */
final class PrescriptionReader {
    private final PrescriptionSeal seal;

    PrescriptionReader(PrescriptionSeal seal) {
        this.seal = seal;
    }

    /** The prescribing tenant's readers, or a pharmacy that dispensed from it. */
    boolean visible(Handle handle, Caller caller, UUID id) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM prescriptions p WHERE p.id = :id AND (
                                   (p.tenant_id = :tenant AND :prescriber)
                                   OR EXISTS (SELECT 1 FROM dispensings d WHERE d.prescription_id = p.id AND d.tenant_id = :tenant)))
                        """)
                .bind("id", id).bind("tenant", caller.tenantId())
                .bind("prescriber", caller.can("prescriptions:read"))
                .mapTo(Boolean.class).one();
    }

    PrescriptionView load(Handle handle, UUID id) {
        List<PrescriptionView.Item> items = handle.createQuery("""
                        SELECT i.*, m.trade_name_en, m.trade_name_ar, m.strength, m.dosage_form
                          FROM prescription_items i JOIN medicines m ON m.id = i.medicine_id
                         WHERE i.prescription_id = :id ORDER BY i.position
                        """)
                .bind("id", id)
                .map((rs, ctx) -> new PrescriptionView.Item(rs.getObject("id", UUID.class), rs.getInt("position"),
                        new PrescriptionView.Medicine(rs.getObject("medicine_id", UUID.class), rs.getString("trade_name_en"),
                                rs.getString("trade_name_ar"), rs.getString("strength"), rs.getString("dosage_form")),
                        rs.getString("dose"), rs.getString("frequency"), rs.getInt("duration_days"), rs.getInt("quantity"),
                        rs.getInt("quantity_dispensed"), rs.getInt("quantity") - rs.getInt("quantity_dispensed"),
                        rs.getString("instructions_en"), rs.getString("instructions_ar")))
                .list();
        List<Finding> findings = handle.createQuery("SELECT * FROM prescription_findings WHERE prescription_id = :id ORDER BY id")
                .bind("id", id)
                .map((rs, ctx) -> new Finding(rs.getString("finding_key"), rs.getString("kind"), rs.getString("severity"),
                        Finding.blocks(rs.getString("kind"), rs.getString("severity")),
                        Arrays.asList((UUID[]) rs.getArray("medicines").getArray()),
                        Arrays.asList((String[]) rs.getArray("ingredients").getArray()),
                        rs.getString("description_en"), rs.getString("description_ar"), rs.getString("management_en"),
                        rs.getString("management_ar"), rs.getString("override_reason")))
                .list();
        List<PrescriptionView.Dispensing> dispensings = handle.createQuery("""
                        SELECT d.id, d.tenant_id, t.name_en, d.pharmacist_id, d.dispensed_at FROM dispensings d
                          JOIN tenants t ON t.id = d.tenant_id WHERE d.prescription_id = :id ORDER BY d.dispensed_at, d.id
                        """)
                .bind("id", id)
                .map((rs, ctx) -> new PrescriptionView.Dispensing(rs.getObject("id", UUID.class),
                        rs.getObject("tenant_id", UUID.class), rs.getString("name_en"),
                        rs.getObject("pharmacist_id", UUID.class), instant(rs, "dispensed_at"), List.of()))
                .list()
                .stream()
                .map(d -> new PrescriptionView.Dispensing(d.id(), d.pharmacyTenantId(), d.pharmacyName(), d.pharmacistId(),
                        d.dispensedAt(), handle.createQuery("""
                                        SELECT di.*, m.trade_name_en FROM dispensing_items di JOIN medicines m ON m.id = di.medicine_id
                                         WHERE di.dispensing_id = :id ORDER BY di.item_id
                                        """)
                                .bind("id", d.id())
                                .map((rs, ctx) -> new PrescriptionView.DispensedItem(rs.getObject("item_id", UUID.class),
                                        rs.getObject("medicine_id", UUID.class), rs.getString("trade_name_en"),
                                        rs.getInt("quantity"), rs.getString("batch_number"), rs.getBoolean("substituted")))
                                .list()))
                .toList();
        return handle.createQuery("""
                        SELECT p.*, pt.name_en AS patient_name_en, pt.name_ar AS patient_name_ar, u.display_name
                          FROM prescriptions p JOIN patients pt ON pt.id = p.patient_id JOIN users u ON u.id = p.prescriber_id
                         WHERE p.id = :id
                        """)
                .bind("id", id)
                .map((rs, ctx) -> {
                    Instant issued = instant(rs, "issued_at");
                    Instant expires = instant(rs, "expires_at");
                    String code = rs.getString("code");
                    return new PrescriptionView(id, code, seal.seal(id, code, issued, expires), rs.getString("status"),
                            new PrescriptionView.Patient(rs.getObject("patient_id", UUID.class),
                                    rs.getString("patient_name_en"), rs.getString("patient_name_ar")),
                            new PrescriptionView.Prescriber(rs.getObject("prescriber_id", UUID.class), rs.getString("display_name")),
                            rs.getObject("tenant_id", UUID.class), rs.getObject("consultation_id", UUID.class), items,
                            findings, dispensings, rs.getString("notes"), rs.getBoolean("allow_substitution"), issued,
                            expires, instant(rs, "cancelled_at"), rs.getString("cancel_reason"));
                })
                .findOne()
                .orElseThrow(PrescriptionNotFound::new);
    }

}
