package ai.healthflow.batch.signal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-made adverse-event reports written as the service writes them (case row, one row per version, the version's
 * suspect and concomitant medicines with their ingredient ids, its reaction terms), for tests whose 2×2 counts are
 * worked out by hand.
 */
final class ReportFixture {
    private static final AtomicInteger CASES = new AtomicInteger();
    private final DataSource db;
    private final UUID tenant = UUID.randomUUID();
    private final UUID reporter = UUID.randomUUID();
    private final Map<String, UUID> ingredients = new LinkedHashMap<>();
    private final Map<String, Medicine> medicines = new LinkedHashMap<>();

    record Medicine(UUID id, List<UUID> ingredients) {
    }

    ReportFixture(DataSource db) throws SQLException {
        this.db = db;
        execute("INSERT INTO tenants (id, type, name_en, name_ar) VALUES (?, 'hospital', ?, 'مستشفى')",
                tenant, "Fixture hospital " + tenant);
        execute("INSERT INTO users (id, email, display_name, password_hash) VALUES (?, ?, 'Dr. Fixture', 'x')",
                reporter, "fixture-" + reporter + "@test");
    }

    /** An ingredient of the registry by its English generic name (created on first use). */
    UUID ingredient(String name) throws SQLException {
        UUID existing = ingredients.get(name);
        if (existing != null) {
            return existing;
        }
        UUID id = UUID.randomUUID();
        execute("INSERT INTO ingredients (id, name_en) VALUES (?, ?)", id, name);
        ingredients.put(name, id);
        return id;
    }

    /** A registry medicine with these active ingredients. */
    Medicine medicine(String tradeName, String... ingredientNames) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (String name : ingredientNames) {
            ids.add(ingredient(name));
        }
        UUID id = UUID.randomUUID();
        execute("""
                INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                                       dosage_form, route, manufacturer)
                VALUES (?, ?, ?, 'دواء', ?, 'مادة', 'tablet', 'oral', 'Fixture Pharma')
                """, id, "FX-" + id.toString().substring(0, 8), tradeName, String.join(" + ", ingredientNames));
        for (int i = 0; i < ids.size(); i++) {
            execute("INSERT INTO medicine_ingredients (medicine_id, ingredient_id, position) VALUES (?, ?, ?)",
                    id, ids.get(i), i + 1);
        }
        Medicine medicine = new Medicine(id, ids);
        medicines.put(tradeName, medicine);
        return medicine;
    }

    /** What one version of a report says. */
    record Content(List<Medicine> suspects, List<Medicine> concomitants, List<String> reactions) {
        static Content of(List<Medicine> suspects, String... reactions) {
            return new Content(suspects, List.of(), List.of(reactions));
        }
    }

    /** A new report (version 1) received at {@code at}; returns its id. */
    UUID report(Instant at, Content content) throws SQLException {
        UUID id = UUID.randomUUID();
        execute("""
                INSERT INTO adverse_events (id, tenant_id, case_number, reporter_id, reporter_name, reporter_role, status,
                                            current_version, serious, received_at, latest_info_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'Dr. Fixture', 'doctor', 'submitted', 1, false, ?, ?, ?, ?)
                """, id, tenant, "AE-FX-" + CASES.incrementAndGet() + "-" + id.toString().substring(0, 6), reporter,
                at, at, at, at);
        version(id, 1, at, content);
        return id;
    }

    /** A follow-up: the report's next version, received at {@code at}, replacing what the report says. */
    void followUp(UUID report, int version, Instant at, Content content) throws SQLException {
        version(report, version, at, content);
        execute("UPDATE adverse_events SET current_version = ?, latest_info_at = ?, updated_at = ? WHERE id = ?",
                version, at, at, report);
    }

    private void version(UUID event, int version, Instant at, Content content) throws SQLException {
        execute("""
                INSERT INTO adverse_event_versions (event_id, version, tenant_id, received_at, submitted_by,
                                                    submitted_by_name, patient_initials, serious)
                VALUES (?, ?, ?, ?, ?, 'Dr. Fixture', 'AB', false)
                """, event, version, tenant, at, reporter);
        int position = 0;
        for (Medicine suspect : content.suspects()) {
            drug(event, version, position++, "suspect", suspect);
        }
        for (Medicine concomitant : content.concomitants()) {
            drug(event, version, position++, "concomitant", concomitant);
        }
        int p = 0;
        for (String term : content.reactions()) {
            execute("""
                    INSERT INTO adverse_event_reactions (id, event_id, version, tenant_id, position, term)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, UUID.randomUUID(), event, version, tenant, p++, term);
        }
    }

    private void drug(UUID event, int version, int position, String role, Medicine medicine) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO adverse_event_drugs (id, event_id, version, tenant_id, position, role, medicine_id,
                                                 ingredient_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, event);
            insert.setInt(3, version);
            insert.setObject(4, tenant);
            insert.setInt(5, position);
            insert.setString(6, role);
            insert.setObject(7, medicine.id());
            insert.setArray(8, c.createArrayOf("uuid", medicine.ingredients().toArray()));
            insert.executeUpdate();
        }
    }

    void execute(String sql, Object... values) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                statement.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
            }
            statement.execute();
        }
    }
}
