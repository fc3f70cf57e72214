package ai.healthflow.seed;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditVerifier;
import ai.healthflow.testing.TestApp;
import ai.healthflow.testing.TestPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code seed --production} as an operator runs it: a separate process on {@code config/production.yml} with the
 * production environment variables, against a database of its own.
 */
class SeedCommandIT {
    static final String ADMIN = "ops@health.example";
    static final String AUDIT_KEY = "seed-it-audit-key-5f1c9a7e3b2d4c6e8a0b1d3f5e7c9a2b";
    static final String HEADER = "name_en,name_ar,type,address_en,address_ar,city_en,city_ar,governorate,latitude,"
            + "longitude,phone,delivery,rating,opening_hours\n";
    static final String NILE = "Nile Corniche Pharmacy,صيدلية كورنيش النيل,pharmacy,\"5 Corniche El Nil, Maadi\","
            + "٥ كورنيش النيل، المعادي,Cairo,القاهرة,Cairo,29.9602,31.2569,+20 2 2525 1234,yes,4.5,24h\n";
    static final String SMOUHA = "Smouha Pharmacy,صيدلية سموحة,,\"14 Victor Emmanuel Square, Smouha\","
            + "١٤ ميدان فيكتور عمانويل، سموحة,Alexandria,الإسكندرية,Alexandria,31.2156,29.9553,,no,,"
            + "\"sat-thu 09:00-23:00; fri 13:00-16:00,18:00-23:00\"\n";

    record Outcome(int exitCode, String output) {
    }

    @Test
    void seedsAnEmptyDatabaseAndASecondRunChangesNothing() throws Exception {
        var db = TestPostgres.emptyDatabase();
        Path pharmacies = csv(HEADER + NILE + SMOUHA);

        Outcome pending = seed(db, "--production", "--pharmacies", pharmacies.toString());
        assertThat(pending.exitCode()).as(pending.output()).isNotZero();
        assertThat(pending.output()).contains("seed failed: ").contains("migration(s) pending")
                .contains("seed --production --migrate").doesNotContain("\tat ");

        Outcome first = seed(db, "--production", "--migrate", "--pharmacies", pharmacies.toString());

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output())
                .containsPattern("migrations +applied \\d+ change set\\(s\\)")
                .contains("system roles   7 present with their permissions (super_admin, eda_officer, tenant_admin, "
                        + "doctor, pharmacist, nurse, viewer), platform tenant present")
                .contains("super admin    created " + ADMIN)
                .containsPattern("interactions   [1-9]\\d* created, 0 updated, 0 removed, 0 unchanged rows")
                .contains("pharmacies     2 created, 0 updated, 0 removed, 0 unchanged from ")
                .contains("demo users     none (the seed never creates them)")
                .containsPattern("seed done: [1-9]\\d* created, 0 updated, 0 removed, 8 unchanged");
        Map<String, Long> afterFirst = snapshot(db);
        assertThat(afterFirst.get("users")).as("the super admin only: no demo account").isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM users u JOIN memberships m ON m.user_id = u.id "
                + "WHERE u.email = '" + ADMIN + "' AND m.role = 'super_admin'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM users WHERE email LIKE '%.demo'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM medicines")).as("no demo registry").isZero();
        assertThat(afterFirst.get("pharmacies")).isEqualTo(2);
        assertThat(count(db, "SELECT count(*) FROM drug_interactions WHERE origin = 'bundled'")).isPositive();
        assertThat(text(db, "SELECT p.hours->>'fri' FROM pharmacies p JOIN tenants t ON t.id = p.tenant_id "
                + "WHERE t.name_en = 'Smouha Pharmacy' AND t.type = 'pharmacy' AND p.delivery = false"))
                .isEqualTo("[{\"opens\": \"13:00\", \"closes\": \"16:00\"}, {\"opens\": \"18:00\", \"closes\": \"23:00\"}]");
        assertThat(count(db, "SELECT count(*) FROM audit_log WHERE action = 'seed.production_applied'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM audit_log WHERE action = 'pharmacy.directory_imported'")).isEqualTo(1);

        Outcome second = seed(db, "--production", "--pharmacies", pharmacies.toString());

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output())
                .contains("migrations     current (")
                .contains("super admin    unchanged: " + ADMIN + " exists")
                .containsPattern("interactions   0 created, 0 updated, 0 removed, [1-9]\\d* unchanged rows")
                .contains("pharmacies     0 created, 0 updated, 0 removed, 2 unchanged")
                .containsPattern("seed done: 0 created, 0 updated, 0 removed, [1-9]\\d* unchanged");
        assertThat(snapshot(db)).as("nothing written, not even an audit record or a timestamp").isEqualTo(afterFirst);

        // a new release of the file: one pharmacy changes its phone and hours, the other stays
        Path changed = csv(HEADER + NILE.replace("+20 2 2525 1234", "+20 2 2525 9999").replace(",24h", ",sat-fri 08:00-02:00")
                + SMOUHA);
        Outcome third = seed(db, "--production", "--pharmacies", changed.toString());

        assertThat(third.exitCode()).as(third.output()).isZero();
        assertThat(third.output()).contains("pharmacies     0 created, 1 updated, 0 removed, 1 unchanged");
        assertThat(text(db, "SELECT p.phone FROM pharmacies p JOIN tenants t ON t.id = p.tenant_id "
                + "WHERE t.name_en = 'Nile Corniche Pharmacy'")).isEqualTo("+20 2 2525 9999");
        assertThat(count(db, "SELECT count(*) FROM audit_log WHERE action = 'pharmacy.updated'")).isEqualTo(1);
        assertThat(auditChain(db).valid()).as("every record chained with HEALTHFLOW_AUDIT_KEY").isTrue();
    }

    @Test
    void aBadPharmaciesFileStopsTheSeedNamingEachLineBeforeAnythingIsWritten() throws Exception {
        var db = TestPostgres.freshDatabase();
        Path bad = csv(HEADER + NILE
                + "Bad Pharmacy,Bad Pharmacy,,2 Street,٢ شارع,Cairo,القاهرة,Atlantis,north,31.2,,maybe,,mon 09:00-17:00\n"
                + SMOUHA.replace("sat-thu", "sat-xyz"));

        Outcome outcome = seed(db, "--production", "--pharmacies", bad.toString());

        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output())
                .contains("seed failed: " + bad + ": 5 problems, nothing of the file was imported")
                .contains("  line 3, name_ar: must be written in Arabic")
                .contains("  line 3, latitude: must be a decimal number")
                .contains("  line 3, delivery: must be true or false")
                .contains("  line 3, governorate: must be one of [Alexandria")
                .contains("  line 4, opening_hours: 'xyz' is not a day")
                .doesNotContain("\tat ");
        assertThat(count(db, "SELECT count(*) FROM users")).as("not even the super admin").isZero();
        assertThat(count(db, "SELECT count(*) FROM audit_log")).isZero();

        // a name that belongs to a tenant of another kind is refused by line, and nothing of the file stays
        Outcome taken = seed(db, "--production", "--pharmacies",
                csv(HEADER + NILE + NILE.replace("Nile Corniche Pharmacy", "HealthFlow Platform")).toString());

        assertThat(taken.exitCode()).as(taken.output()).isNotZero();
        assertThat(taken.output()).contains("line 3, name_en: 'HealthFlow Platform' is the name of a regulator, "
                + "not of a pharmacy");
        assertThat(count(db, "SELECT count(*) FROM pharmacies")).isZero();
    }

    @Test
    void withoutProductionOrWithAnUnsafeConfigurationItRefusesAndSaysWhy() throws Exception {
        var db = TestPostgres.freshDatabase();

        Outcome demo = seed(db);
        assertThat(demo.exitCode()).isNotZero();
        assertThat(demo.output()).contains("needs --production").contains("HEALTHFLOW_DEMO_DATA")
                .contains("config/dev.yml").doesNotContain("\tat ");

        var unsafe = environment(db);
        unsafe.put("HEALTHFLOW_ADMIN_PASSWORD", "Admin123!");
        Outcome refused = run(unsafe, "--production");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("Refusing to seed with an unsafe production configuration")
                .contains("HEALTHFLOW_ADMIN_PASSWORD is a demo or example password");
        assertThat(count(db, "SELECT count(*) FROM users")).isZero();
    }

    // --- running the command

    static Outcome seed(TestPostgres.Database db, String... words) throws Exception {
        return run(environment(db), words);
    }

    static Map<String, String> environment(TestPostgres.Database db) {
        var environment = new HashMap<String, String>();
        environment.put("HEALTHFLOW_HOME", TestApp.tempHome().toString());
        environment.put("DATABASE_URL", db.url());
        environment.put("DATABASE_USER", db.user());
        // the embedded server trusts local connections; the production policy still wants a real-looking password
        environment.put("DATABASE_PASSWORD", db.password() == null || db.password().isEmpty()
                ? "seed-it-db-password-4b7e1a" : db.password());
        environment.put("HEALTHFLOW_JWT_SECRET", "seed-it-jwt-secret-9d2f6b8a1c3e5f7a9b0d2e4f6a8c1e3b");
        environment.put("HEALTHFLOW_AUDIT_KEY", AUDIT_KEY);
        environment.put("HEALTHFLOW_PORTAL_URL", "https://portal.health.example");
        environment.put("HEALTHFLOW_ADMIN_EMAIL", ADMIN);
        environment.put("HEALTHFLOW_ADMIN_PASSWORD", "Seed-IT-admin-pass-2718");
        return environment;
    }

    static Outcome run(Map<String, String> environment, String... words) throws Exception {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), HealthFlowApplication.class.getName(), "seed"));
        command.addAll(List.of(words));
        command.add(TestApp.configFile("production.yml").toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(output).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    // --- reading the database

    static Path csv(String content) throws Exception {
        Path file = Files.createTempFile("pharmacies", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Row counts and latest change times of what the seed writes: equal snapshots mean nothing was written. */
    static Map<String, Long> snapshot(TestPostgres.Database db) throws SQLException {
        var snapshot = new LinkedHashMap<String, Long>();
        for (String table : List.of("users", "memberships", "tenants", "pharmacies", "drug_classes",
                "drug_class_members", "drug_class_interactions", "drug_interactions", "audit_log")) {
            snapshot.put(table, count(db, "SELECT count(*) FROM " + table));
        }
        for (String table : List.of("tenants", "pharmacies", "drug_classes", "drug_class_interactions",
                "drug_interactions")) {
            snapshot.put(table + ".updated_at", count(db,
                    "SELECT coalesce(extract(epoch FROM max(updated_at)) * 1000000, 0)::bigint FROM " + table));
        }
        return snapshot;
    }

    static long count(TestPostgres.Database db, String sql) throws SQLException {
        try (Connection connection = db.connect(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String text(TestPostgres.Database db, String sql) throws SQLException {
        try (Connection connection = db.connect(); var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static AuditVerifier.Result auditChain(TestPostgres.Database db) {
        return Jdbi.create(db.url(), db.user(), db.password())
                .inTransaction(new AuditVerifier(new AuditChain(AUDIT_KEY))::verify);
    }
}
