package ai.healthflow.ops;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.platform.db.Migrations;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import ai.healthflow.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code db rollback} runbook (docs/operations.md, "Rolling back") on a populated database: the last feature's
 * change sets are rolled back with the command an operator runs, every other table keeps its rows, migrating up
 * again restores the schema, and the service starts and answers on it. {@code MigrationsIT} rolls the whole
 * changelog back on an empty database; this is the one-feature step on real data.
 */
class MigrationRollbackIT {
    /** Rolled back: this feature and every one applied after it (today: report schedules, then shared rate limits). */
    private static final String LAST_FEATURE = "db/changelog/report-schedules.xml";
    private static final String[] ROLLED_BACK_TABLES = {"report_schedules", "rate_limit_windows"};
    private static final java.util.Set<String> ROLLED_BACK_FILES = new java.util.HashSet<>();

    @Test
    void theLastFeatureRollsBackAndForwardAgainWithoutTouchingTheOtherData() throws Exception {
        // given: a service that has been used (demo data, a medicine, a patient, a prescription, a report schedule)
        TestPostgres.Database db = TestPostgres.freshDatabase();
        Path home = TestApp.tempHome();
        var app = app(db, home, true);
        app.before();
        String patientId;
        try {
            patientId = populate(new Http(app.getLocalPort()));
        } finally {
            app.after(); // the runbook: the new version is stopped (or rolled back) before its schema is
        }
        int count = lastFeatureChangeSets(db);
        Map<String, Long> before = counts(db);
        assertThat(before.get("report_schedules")).isEqualTo(1);
        assertThat(before.get("patients")).isPositive();
        assertThat(columns(db, "report_requests")).contains("schedule_id", "recipients", "delivery_pending");

        // when: java -jar healthflow.jar db rollback --count N <config>
        long started = System.nanoTime();
        CommandOutcome rollback = command(db, "db", "rollback", "--count", Integer.toString(count));
        long rollbackMillis = (System.nanoTime() - started) / 1_000_000;

        // then: the feature's table and columns are gone, every other table has the same rows
        assertThat(rollback.exit()).as(rollback.output()).isZero();
        Map<String, Long> rolledBack = counts(db);
        assertThat(rolledBack).doesNotContainKey("report_schedules").doesNotContainKey("rate_limit_windows");
        assertThat(columns(db, "report_requests")).doesNotContain("schedule_id", "recipients", "delivery_pending");
        assertThat(rolledBack.get("databasechangelog")).isEqualTo(before.get("databasechangelog") - count);
        assertThat(withoutChangelogAnd(rolledBack)).isEqualTo(withoutChangelogAnd(before, ROLLED_BACK_TABLES));
        var migrations = new Migrations(db.dataSource());
        assertThat(migrations.state().pending()).hasSize(count)
                .allMatch(id -> ROLLED_BACK_FILES.stream().anyMatch(id::startsWith));

        // when: java -jar healthflow.jar db migrate <config>
        started = System.nanoTime();
        CommandOutcome migrate = command(db, "db", "migrate");
        long migrateMillis = (System.nanoTime() - started) / 1_000_000;

        // then: the schema is current again; the rolled-back table comes back empty (its rows were dropped with
        // it), everything else is as before
        assertThat(migrate.exit()).as(migrate.output()).isZero();
        assertThat(migrations.state().current()).isTrue();
        Map<String, Long> after = counts(db);
        assertThat(after.get("report_schedules")).as("data in a rolled-back table is lost").isZero();
        assertThat(after.get("databasechangelog")).isEqualTo(before.get("databasechangelog"));
        assertThat(withoutChangelogAnd(after, ROLLED_BACK_TABLES)).isEqualTo(withoutChangelogAnd(before, ROLLED_BACK_TABLES));
        System.out.printf("MigrationRollbackIT: rolled back %d change set(s) of %s (command %d ms, JVM start included) "
                        + "and migrated up again (%d ms); %d tables and %d rows compared%n", count, LAST_FEATURE,
                rollbackMillis, migrateMillis, after.size(), TableCounts.total(after));

        // and: the service starts on the re-migrated database without migrating anything itself, and answers
        var again = app(db, home, false);
        again.before();
        try {
            Http http = new Http(again.getLocalPort());
            assertThat(http.get("/ready").status()).isEqualTo(200);
            String doctor = Demo.CAIRO_DOCTOR.login(http);
            assertThat(http.getAs(doctor, "/api/v2/patients/" + patientId).status()).isEqualTo(200);
            Http.Response schedule = http.postAs(Demo.OFFICER.login(http), "/api/v2/report-schedules", SCHEDULE);
            assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
        } finally {
            again.after();
        }
    }

    private static final String SCHEDULE = """
            {"name":"Weekly registry","type":"medicine-registry","format":"csv","language":"en",
             "cron":"0 0 7 * * MON","zone":"Africa/Cairo","recipients":["officer@eda.demo"]}""";

    private static String populate(Http http) {
        String officer = Demo.OFFICER.login(http);
        Http.Response medicine = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-RB1","tradeNameEn":"Rollbackol","tradeNameAr":"دواء","genericNameEn":"paracetamol",
                 "genericNameAr":"باراسيتامول","strength":"500 mg","dosageForm":"tablet","route":"oral","manufacturer":"Pharco"}""");
        assertThat(medicine.status()).as(medicine.body()).isEqualTo(201);
        String doctor = Demo.CAIRO_DOCTOR.login(http);
        Http.Response patient = http.postAs(doctor, "/api/v2/patients/register", """
                {"nationalId":"28001010100221","nameEn":"Salma Hassan","nameAr":"سلمى حسن","dateOfBirth":"1980-01-01","sex":"female"}""");
        assertThat(patient.status()).as(patient.body()).isEqualTo(201);
        String patientId = patient.json().at("/data/id").asText();
        Http.Response prescription = http.postAs(doctor, "/api/v2/prescriptions", """
                {"patientId":"%s","allowSubstitution":true,"items":[{"medicineId":"%s","dose":"1 tablet",
                 "frequency":"once daily","durationDays":10,"quantity":10,"instructionsAr":"بعد الأكل"}]}"""
                .formatted(patientId, medicine.json().at("/data/id").asText()));
        assertThat(prescription.status()).as(prescription.body()).isEqualTo(201);
        Http.Response schedule = http.postAs(officer, "/api/v2/report-schedules", SCHEDULE);
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
        return patientId;
    }

    /** How many change sets the last feature has; they must be the last ones applied, or --count would cut others. */
    private static int lastFeatureChangeSets(TestPostgres.Database db) throws Exception {
        List<ChangeSet> all;
        try (Connection connection = db.connect()) {
            all = new Liquibase(Migrations.CHANGELOG, new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection)))
                    .getDatabaseChangeLog().getChangeSets();
        }
        int first = 0;
        while (first < all.size() && !all.get(first).getFilePath().endsWith(LAST_FEATURE)) {
            first++;
        }
        assertThat(first).as(LAST_FEATURE + " in the changelog").isLessThan(all.size());
        int count = all.size() - first;
        all.subList(first, all.size()).forEach(c -> ROLLED_BACK_FILES.add(c.getFilePath()));
        List<String> lastApplied = new ArrayList<>();
        try (Connection connection = db.connect(); var rows = connection.createStatement().executeQuery(
                "SELECT filename FROM databasechangelog ORDER BY orderexecuted DESC LIMIT " + count)) {
            while (rows.next()) {
                lastApplied.add(rows.getString(1));
            }
        }
        assertThat(lastApplied).as("applied last").allMatch(ROLLED_BACK_FILES::contains);
        return count;
    }

    private static DropwizardTestSupport<HealthFlowConfiguration> app(TestPostgres.Database db, Path home,
                                                                      boolean migrateOnStart) {
        return new DropwizardTestSupport<>(HealthFlowApplication.class, TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", home.toString()),
                ConfigOverride.config("database.migrateOnStart", Boolean.toString(migrateOnStart)),
                ConfigOverride.config("database.dataSource.url", db.url()),
                ConfigOverride.config("database.dataSource.user", db.user()),
                ConfigOverride.config("database.dataSource.password", db.password() == null ? "" : db.password()));
    }

    record CommandOutcome(int exit, String output) {
    }

    /** A service command as an operator runs it ({@code java -jar healthflow.jar <args> config/test.yml}). */
    private static CommandOutcome command(TestPostgres.Database db, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                "-Ddw.database.dataSource.url=" + db.url(),
                "-Ddw.database.dataSource.user=" + db.user(),
                "-Ddw.database.dataSource.password=" + (db.password() == null ? "" : db.password()),
                "-cp", System.getProperty("java.class.path"), HealthFlowApplication.class.getName()));
        command.addAll(List.of(args));
        command.add(TestApp.configFile("test.yml").toString());
        Path output = Files.createTempFile("healthflow-command", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish within 3 minutes");
        }
        return new CommandOutcome(process.exitValue(), Files.readString(output));
    }

    private static Map<String, Long> counts(TestPostgres.Database db) throws Exception {
        try (Connection connection = db.connect()) {
            return TableCounts.of(connection);
        }
    }

    private static Map<String, Long> withoutChangelogAnd(Map<String, Long> counts, String... tables) {
        Map<String, Long> rest = new TreeMap<>(counts);
        rest.remove("databasechangelog");
        for (String table : tables) {
            rest.remove(table);
        }
        return rest;
    }

    private static List<String> columns(TestPostgres.Database db, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = db.connect(); var rows = connection.createStatement().executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                        + table + "'")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }
}
