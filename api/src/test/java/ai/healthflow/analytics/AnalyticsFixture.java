package ai.healthflow.analytics;

import ai.healthflow.batch.analytics.AnalyticsCalendar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Source rows for analytics tests, written with SQL as the database superuser (so the change-mark triggers fire
 * as they do for the service): tenants, users, medicines, prescriptions with items, dispensings, adverse events
 * with versions and suspect medicines, recalls with steps and acknowledgement tasks, audit records and sessions.
 */
final class AnalyticsFixture {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final Connection c;
    private final UUID patientTenant;
    private UUID patient;
    private UUID anyUser;

    AnalyticsFixture(Connection connection) throws SQLException {
        this.c = connection;
        this.patientTenant = tenant("Fixture Patients Home " + SEQ.incrementAndGet(), "hospital", null);
    }

    /** A Cairo wall-clock time on {@code day}. */
    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(AnalyticsCalendar.ZONE).toInstant();
    }

    UUID tenant(String name, String type, String governorate) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO tenants (id, type, name_en, name_ar, governorate) VALUES (?, ?, ?, ?, ?)",
                id, type, name, name, governorate);
        return id;
    }

    UUID user(String email, UUID tenant, String role) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO users (id, email, display_name, password_hash) VALUES (?, ?, ?, 'x')", id, email, email);
        exec("INSERT INTO memberships (user_id, tenant_id, role) VALUES (?, ?, ?)", id, tenant, role);
        if (anyUser == null) {
            anyUser = id;
        }
        return id;
    }

    UUID medicine(String name, String atc) throws SQLException {
        UUID id = UUID.randomUUID();
        int n = SEQ.incrementAndGet();
        exec("""
                INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                                       dosage_form, route, atc_code, manufacturer)
                VALUES (?, ?, ?, ?, ?, ?, 'tablet', 'oral', ?, 'Fixture Pharma')
                """, id, "FX-" + n, name, name + " ع", name.toLowerCase(), name, atc);
        return id;
    }

    private UUID patient() throws SQLException {
        if (patient == null) {
            patient = UUID.randomUUID();
            exec("""
                    INSERT INTO patients (id, tenant_id, national_id, name_en, name_ar, date_of_birth, sex, search_text)
                    VALUES (?, ?, '29001011234567', 'Fixture Patient', 'مريض', DATE '1990-01-01', 'female', 'fixture')
                    """, patient, patientTenant);
        }
        return patient;
    }

    record Item(UUID id, UUID medicine, int quantity) {
    }

    /** A prescription issued at {@code issuedAt} with items given as medicine, quantity pairs. */
    UUID prescription(UUID tenant, UUID prescriber, Instant issuedAt, Object... medicineQuantity) throws SQLException {
        UUID id = UUID.randomUUID();
        int n = SEQ.incrementAndGet();
        String code = "%04d-%04d".formatted(n / 10000 % 10000, n % 10000);
        exec("""
                INSERT INTO prescriptions (id, code, tenant_id, patient_id, prescriber_id, issued_at, expires_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, id, code, tenant, patient(), prescriber, ts(issuedAt), ts(issuedAt.plusSeconds(30L * 86400)), ts(issuedAt));
        for (int i = 0; i < medicineQuantity.length; i += 2) {
            exec("""
                    INSERT INTO prescription_items (prescription_id, position, medicine_id, dose, frequency, duration_days, quantity)
                    VALUES (?, ?, ?, '1 tablet', 'twice daily', 5, ?)
                    """, id, i / 2, medicineQuantity[i], medicineQuantity[i + 1]);
        }
        return id;
    }

    UUID item(UUID prescription, UUID medicine) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM prescription_items WHERE prescription_id = ? AND medicine_id = ?")) {
            s.setObject(1, prescription);
            s.setObject(2, medicine);
            try (var rows = s.executeQuery()) {
                rows.next();
                return (UUID) rows.getObject(1);
            }
        }
    }

    /**
     * The pharmacy hands over items of a prescription at {@code at}: medicine, quantity pairs; the dispensed
     * medicine is the prescribed one unless {@code substitute} is given for it.
     */
    UUID dispense(UUID prescription, UUID pharmacy, UUID pharmacist, Instant at, Object... medicineQuantity)
            throws SQLException {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO dispensings (id, prescription_id, tenant_id, pharmacist_id, dispensed_at) VALUES (?, ?, ?, ?, ?)",
                id, prescription, pharmacy, pharmacist, ts(at));
        for (int i = 0; i < medicineQuantity.length; i += 2) {
            UUID medicine = (UUID) medicineQuantity[i];
            int quantity = (Integer) medicineQuantity[i + 1];
            UUID item = item(prescription, medicine);
            exec("""
                    INSERT INTO dispensing_items (dispensing_id, item_id, medicine_id, quantity, batch_number, substituted)
                    VALUES (?, ?, ?, ?, 'B1', false)
                    """, id, item, medicine, quantity);
            exec("UPDATE prescription_items SET quantity_dispensed = quantity_dispensed + ? WHERE id = ?", quantity, item);
        }
        return id;
    }

    /** Marks one dispensed line as a substitution. */
    void substituted(UUID dispensing, UUID medicine) throws SQLException {
        exec("UPDATE dispensing_items SET substituted = true WHERE dispensing_id = ? AND medicine_id = ?", dispensing, medicine);
    }

    /** An adverse event case (version 1) received at {@code at}; criteria empty means not serious. */
    UUID adverseEvent(UUID tenant, UUID reporter, Instant at, String[] criteria, UUID[] suspects, UUID... concomitant)
            throws SQLException {
        UUID id = UUID.randomUUID();
        boolean serious = criteria.length > 0;
        exec("""
                INSERT INTO adverse_events (id, tenant_id, case_number, reporter_id, reporter_name, reporter_role,
                                            current_version, serious, received_at, latest_info_at, due_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'Reporter', 'doctor', 1, ?, ?, ?, ?, ?, ?)
                """, id, tenant, "AE-FX-" + SEQ.incrementAndGet(), reporter, serious, ts(at), ts(at),
                serious ? ts(at.plusSeconds(15L * 86400)) : null, ts(at), ts(at));
        version(id, 1, tenant, reporter, at, criteria, suspects, concomitant);
        return id;
    }

    /** A follow-up: version {@code version} becomes current with new seriousness and medicines. */
    void followUp(UUID event, int version, UUID tenant, UUID reporter, Instant at, String[] criteria, UUID... suspects)
            throws SQLException {
        version(event, version, tenant, reporter, at, criteria, suspects);
        boolean serious = criteria.length > 0;
        exec("UPDATE adverse_events SET current_version = ?, serious = ?, due_at = ?, latest_info_at = ?, updated_at = ? WHERE id = ?",
                version, serious, serious ? ts(at.plusSeconds(15L * 86400)) : null, ts(at), ts(at), event);
    }

    private void version(UUID event, int version, UUID tenant, UUID reporter, Instant at, String[] criteria,
                         UUID[] suspects, UUID... concomitant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO adverse_event_versions (event_id, version, tenant_id, received_at, submitted_by,
                                                    submitted_by_name, serious, seriousness_criteria)
                VALUES (?, ?, ?, ?, ?, 'Reporter', ?, ?)
                """)) {
            s.setObject(1, event);
            s.setInt(2, version);
            s.setObject(3, tenant);
            s.setTimestamp(4, ts(at));
            s.setObject(5, reporter);
            s.setBoolean(6, criteria.length > 0);
            s.setArray(7, c.createArrayOf("text", criteria));
            s.executeUpdate();
        }
        int position = 0;
        for (UUID medicine : suspects) {
            drug(event, version, tenant, position++, "suspect", medicine);
        }
        for (UUID medicine : concomitant) {
            drug(event, version, tenant, position++, "concomitant", medicine);
        }
    }

    private void drug(UUID event, int version, UUID tenant, int position, String role, UUID medicine) throws SQLException {
        exec("""
                INSERT INTO adverse_event_drugs (id, event_id, version, tenant_id, position, role, medicine_id, ingredient_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, '{}')
                """, UUID.randomUUID(), event, version, tenant, position, role, medicine);
    }

    /** A recall of {@code medicine}, activated at {@code activatedAt}. */
    UUID recall(UUID medicine, String recallClass, Instant activatedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("""
                INSERT INTO recalls (id, medicine_id, all_batches, recall_class, level, reason_en, reason_ar,
                                     instructions_en, instructions_ar, start_date, status, created_at, updated_at)
                VALUES (?, ?, true, ?, 'retail', 'r', 'ر', 'i', 'ت', DATE '2026-01-01', 'active', ?, ?)
                """, id, medicine, recallClass, ts(activatedAt), ts(activatedAt));
        exec("INSERT INTO recall_steps (recall_id, status, at) VALUES (?, 'draft', ?)", id, ts(activatedAt.minusSeconds(3 * 86400)));
        exec("INSERT INTO recall_steps (recall_id, status, at) VALUES (?, 'active', ?)", id, ts(activatedAt));
        return id;
    }

    void recallTask(UUID recall, UUID tenant, Instant createdAt) throws SQLException {
        exec("INSERT INTO recall_acknowledgements (recall_id, tenant_id, created_at) VALUES (?, ?, ?)", recall, tenant, ts(createdAt));
    }

    void acknowledge(UUID recall, UUID tenant, Instant at) throws SQLException {
        exec("UPDATE recall_acknowledgements SET status = 'acknowledged', acknowledged_at = ? WHERE recall_id = ? AND tenant_id = ?",
                ts(at), recall, tenant);
    }

    void audit(UUID actor, UUID tenant, Instant at, String action) throws SQLException {
        exec("""
                INSERT INTO audit_log (id, occurred_at, actor_id, tenant_id, action, entity_type, prev_hash, hash)
                VALUES (nextval('audit_log_id_seq'), ?, ?, ?, ?, 'fixture', 'p', 'h')
                """, ts(at), actor, tenant, action);
    }

    void session(UUID user, UUID tenant, Instant at) throws SQLException {
        exec("""
                INSERT INTO refresh_tokens (family_id, user_id, tenant_id, token_hash, created_at, expires_at)
                VALUES (gen_random_uuid(), ?, ?, ?, ?, ?)
                """, user, tenant, UUID.randomUUID().toString(), ts(at), ts(at.plusSeconds(86400)));
    }

    void exec(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
