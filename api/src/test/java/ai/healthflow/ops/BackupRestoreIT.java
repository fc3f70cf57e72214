package ai.healthflow.ops;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditVerifier;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code deploy/scripts/backup} and {@code restore} for real: a populated instance (migrations, demo data, a
 * patient, a prescription and an adverse event made through the API) is backed up while it runs, restored into
 * an empty database on the same server, and compared table by table and record by record of the audit chain;
 * the restored instance starts and serves the data. pg_dump must be of the server's major version, and the only
 * client programs here are Debian's PostgreSQL 15, so the test starts a PostgreSQL 15 of its own (io.zonky
 * binaries that the build copies to {@code target/postgres-15/}) instead of the tests' usual 17.
 */
class BackupRestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PG_MAJOR = 15;

    static ZipFile binaries;
    static EmbeddedPostgres postgres;
    static DropwizardTestSupport<HealthFlowConfiguration> source;
    static String auditKey;
    static Path sourceHome;
    static Path backup;
    static Duration backupTook;
    static String backupSummary;
    static String patientId, prescriptionId, adverseEventId;

    @BeforeAll
    static void backUpAPopulatedInstance() throws Exception {
        int clientMajor = pgDumpMajor(Map.of());
        assumeTrue(clientMajor == PG_MAJOR, "needs Debian's PostgreSQL " + PG_MAJOR + " client programs (pg_dump "
                + "found: " + (clientMajor < 0 ? "none" : clientMajor) + "); apt-get install postgresql-client-" + PG_MAJOR);
        postgres = startPostgres15();
        createDatabase("source");

        sourceHome = TestApp.tempHome();
        source = app("source", sourceHome);
        source.before();
        auditKey = source.getConfiguration().security().auditKey();
        Http http = new Http(source.getLocalPort());
        populate(http);
        Files.createDirectories(sourceHome.resolve("reports"));
        Files.writeString(sourceHome.resolve("reports/report-1.csv"), "a report file\n");

        Path out = Files.createTempDirectory("healthflow-backups");
        long started = System.nanoTime();
        Run run = script("backup", env("source", sourceHome), out.toString()); // while the service runs
        backupTook = Duration.ofNanos(System.nanoTime() - started);
        source.after(); // nothing written after the backup: the tests compare the source with it
        source = null;
        assertThat(run.exit()).as(run.describe()).isZero();
        backupSummary = lastLine(run.err());
        try (Stream<Path> dirs = Files.list(out)) {
            backup = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(backup.getFileName().toString()).matches("healthflow-\\d{8}T\\d{6}Z");
        assertThat(run.out().strip()).isEqualTo(backup.toString());
    }

    @AfterAll
    static void stop() throws IOException {
        if (source != null) {
            source.after();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (binaries != null) {
            binaries.close();
        }
    }

    @Test
    void aRestoredBackupHasEveryRowAndTheSameVerifiedAuditChainAndServes() throws Exception {
        JsonNode manifest = JSON.readTree(backup.resolve("manifest.json").toFile());
        assertThat(Files.readAllLines(backup.resolve("SHA256SUMS"))).hasSize(3);
        assertThat(manifest.path("serverVersion").asText()).startsWith(PG_MAJOR + ".");
        assertThat(manifest.path("pgDumpVersion").asText()).startsWith(PG_MAJOR + ".");
        assertThat(manifest.path("schema").path("lastChangeset").asText()).isEqualTo(lastChangeset("source"));
        assertThat(manifest.path("home").toString()).isEqualTo("[\"search\",\"reports\"]");
        Map<String, Long> sourceCounts = counts("source");
        assertThat(sourceCounts.get("patients")).isPositive();
        assertThat(sourceCounts.get("prescriptions")).isPositive();
        assertThat(sourceCounts.get("adverse_events")).isPositive();
        Map<String, Long> manifestCounts = new TreeMap<>();
        manifest.path("rowCounts").properties().forEach(e -> manifestCounts.put(e.getKey(), e.getValue().asLong()));
        assertThat(manifestCounts).as("nothing was written after the backup").isEqualTo(sourceCounts);
        assertThat(manifest.path("auditChain").path("lastId").asLong()).isEqualTo(auditHead("source").lastId());

        createDatabase("restored");
        Path restoredHome = TestApp.tempHome();
        long started = System.nanoTime();
        Run run = script("restore", env("restored", restoredHome), backup.toString());
        Duration restoreTook = Duration.ofNanos(System.nanoTime() - started);
        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(run.out()).contains("audit chain head: last id").doesNotContain("MISMATCH");

        Map<String, Long> restoredCounts = counts("restored");
        assertThat(restoredCounts).isEqualTo(sourceCounts);
        assertThat(auditHead("restored")).isEqualTo(auditHead("source"));
        assertThat(auditDigest("restored")).isEqualTo(auditDigest("source"));
        AuditVerifier.Result verified = Jdbi.create(url("restored"), "postgres", "")
                .inTransaction(h -> new AuditVerifier(new AuditChain(auditKey)).verify(h));
        assertThat(verified.valid()).as("audit verify on the restored database: %s", verified).isTrue();
        assertThat(verified.checked()).isEqualTo(sourceCounts.get("audit_log"));
        assertThat(restoredHome.resolve("reports/report-1.csv")).hasContent("a report file");
        assertThat(restoredHome.resolve("search/CURRENT")).exists();

        long dumpBytes = Files.size(backup.resolve("database.dump"));
        long homeBytes = Files.size(backup.resolve("home.tar.gz"));
        System.out.printf("BackupRestoreIT: backup of %d tables / %d rows: database.dump %d KiB, home.tar.gz %d KiB, "
                        + "backup %d ms; restore %d ms (checksums, pg_restore, home, comparison); %d rows compared%n",
                sourceCounts.size(), TableCounts.total(sourceCounts), dumpBytes / 1024,
                homeBytes / 1024, backupTook.toMillis(), restoreTook.toMillis(),
                TableCounts.total(restoredCounts));
        System.out.println("BackupRestoreIT: " + backupSummary);
        System.out.println("BackupRestoreIT: " + run.err().lines().filter(l -> l.startsWith("restore: restored")).findFirst().orElse(""));

        // the restored instance starts as healthflow_app on the restored grants and serves the data
        var restored = app("restored", restoredHome);
        restored.before();
        try {
            Http http = new Http(restored.getLocalPort());
            String doctor = Demo.CAIRO_DOCTOR.login(http);
            assertThat(http.getAs(doctor, "/api/v2/patients/" + patientId).status()).isEqualTo(200);
            assertThat(http.getAs(doctor, "/api/v2/prescriptions/" + prescriptionId).json().at("/data/status").asText())
                    .isEqualTo("issued");
            String officer = Demo.OFFICER.login(http);
            assertThat(http.getAs(officer, "/api/v2/adverse-events/" + adverseEventId).status()).isEqualTo(200);
            assertThat(search(http, officer, "Backupol")).contains("EG-BKP1");
        } finally {
            restored.after();
        }
    }

    @Test
    void restoreRefusesABackupWhoseChecksumsDoNotMatch() throws Exception {
        Path tampered = Files.createTempDirectory("healthflow-tampered").resolve(backup.getFileName());
        copyDirectory(backup, tampered);
        Path manifest = tampered.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"patients\": \\d+", "\"patients\": 0"));
        createDatabase("tampered_target");

        Run run = script("restore", env("tampered_target", TestApp.tempHome()), tampered.toString());

        assertThat(run.exit()).as(run.describe()).isEqualTo(1);
        assertThat(run.err()).contains("manifest.json: FAILED").contains("checksum verification failed");
        assertThat(counts("tampered_target")).as("nothing restored").isEmpty();
    }

    @Test
    void restoreReportsARestoredDatabaseThatDiffersFromTheManifest() throws Exception {
        // a manifest that claims one patient fewer, with checksums that match it: only the comparison can tell
        Path altered = Files.createTempDirectory("healthflow-altered").resolve(backup.getFileName());
        copyDirectory(backup, altered);
        long patients = counts("source").get("patients");
        Path manifest = altered.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest)
                .replaceFirst("\"patients\": \\d+", "\"patients\": " + (patients - 1)));
        Files.writeString(altered.resolve("SHA256SUMS"), Files.readString(altered.resolve("SHA256SUMS"))
                .replaceFirst("[0-9a-f]{64}(?=  manifest.json)", sha256(manifest)));
        createDatabase("altered_target");

        Run run = script("restore", env("altered_target", TestApp.tempHome()), altered.toString());

        assertThat(run.exit()).as(run.describe()).isEqualTo(3);
        assertThat(run.out()).containsPattern("patients +" + (patients - 1) + " +" + patients + "  MISMATCH");
        assertThat(run.err()).contains("1 difference(s)");
    }

    @Test
    void restoreRefusesADatabaseThatIsNotEmpty() throws Exception {
        Map<String, Long> before = counts("source");

        Run run = script("restore", env("source", TestApp.tempHome()), backup.toString());

        assertThat(run.exit()).as(run.describe()).isEqualTo(1);
        assertThat(run.err()).contains("is not empty").contains("--force");
        assertThat(counts("source")).isEqualTo(before);
    }

    @Test
    void forceRestoresOverAPreviousRestoreAndKeepsTheOldHomeFilesAside() throws Exception {
        createDatabase("forced");
        Path home = TestApp.tempHome();
        assertThat(script("restore", env("forced", home), backup.toString()).exit()).isZero();
        try (Connection connection = DriverManager.getConnection(url("forced"), "postgres", "")) {
            connection.createStatement().execute("DELETE FROM refresh_tokens"); // a change the restore must undo
            connection.createStatement().execute("CREATE TABLE scratch (id int)");
        }

        Run run = script("restore", env("forced", home), "--force", backup.toString());

        assertThat(run.exit()).as(run.describe()).isZero();
        assertThat(counts("source").get("refresh_tokens")).isPositive();
        Map<String, Long> counts = counts("forced");
        assertThat(counts.remove("scratch")).as("objects not in the backup are left alone").isZero();
        assertThat(counts).isEqualTo(counts("source"));
        assertThat(run.err()).contains("table scratch is in the target but not in the backup");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("search", "reports")
                    .anyMatch(name -> name.startsWith("search.before-restore-"))
                    .anyMatch(name -> name.startsWith("reports.before-restore-"));
        }
    }

    @Test
    void backupRefusesAPgDumpOfAnotherMajorAndSaysHowToGetTheRightOne() throws Exception {
        Path fakeBin = Files.createTempDirectory("fake-pg-dump");
        Path fake = fakeBin.resolve("pg_dump");
        Files.writeString(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 17.4'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Path out = Files.createTempDirectory("healthflow-backups-refused");
        Map<String, String> env = new HashMap<>(env("source", null));
        env.put("PATH", fakeBin + ":" + System.getenv("PATH"));

        Run run = script("backup", env, out.toString());

        assertThat(run.exit()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("is PostgreSQL 17 but the server is PostgreSQL 15: refusing")
                .contains("postgresql-client-15").contains("postgres:15");
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void keepDeletesAllButTheNewestCompleteBackups() throws Exception {
        Path out = Files.createTempDirectory("healthflow-backups-kept");
        for (String old : List.of("healthflow-20260101T000000Z", "healthflow-20260201T000000Z",
                "healthflow-20260301T000000Z", "healthflow-20260401T000000Z.partial", "unrelated")) {
            Files.createDirectories(out.resolve(old));
        }

        Run run = script("backup", env("source", null), "--keep", "2", out.toString());

        assertThat(run.exit()).as(run.describe()).isZero();
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "healthflow-20260301T000000Z", "healthflow-20260401T000000Z.partial",
                    Path.of(run.out().strip()).getFileName().toString(), "unrelated");
        }
    }

    // --- the instance and its data

    private static DropwizardTestSupport<HealthFlowConfiguration> app(String database, Path home) {
        return new DropwizardTestSupport<>(HealthFlowApplication.class, TestApp.configFile("test.yml").toString(),
                ConfigOverride.config("home", home.toString()),
                ConfigOverride.config("bootstrap.demoRegistry", "true"), // a search index worth restoring
                ConfigOverride.config("database.dataSource.url", url(database)),
                ConfigOverride.config("database.dataSource.user", "postgres"),
                ConfigOverride.config("database.dataSource.password", ""));
    }

    private static void populate(Http http) throws InterruptedException {
        String officer = Demo.OFFICER.login(http);
        Http.Response medicine = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-BKP1","tradeNameEn":"Backupol","tradeNameAr":"باكبول","genericNameEn":"paracetamol",
                 "genericNameAr":"باراسيتامول","strength":"500 mg","dosageForm":"tablet","route":"oral","manufacturer":"Pharco","priceEgp":25}""");
        assertThat(medicine.status()).as(medicine.body()).isEqualTo(201);
        String medicineId = medicine.json().at("/data/id").asText();

        String doctor = Demo.CAIRO_DOCTOR.login(http);
        Http.Response patient = http.postAs(doctor, "/api/v2/patients/register", """
                {"nationalId":"28001010100121","nameEn":"Salma Hassan","nameAr":"سلمى حسن","dateOfBirth":"1980-01-01","sex":"female"}""");
        assertThat(patient.status()).as(patient.body()).isEqualTo(201);
        patientId = patient.json().at("/data/id").asText();

        Http.Response prescription = http.postAs(doctor, "/api/v2/prescriptions", """
                {"patientId":"%s","allowSubstitution":true,"items":[{"medicineId":"%s","dose":"1 tablet",
                 "frequency":"once daily","durationDays":10,"quantity":10,"instructionsAr":"بعد الأكل"}]}"""
                .formatted(patientId, medicineId));
        assertThat(prescription.status()).as(prescription.body()).isEqualTo(201);
        prescriptionId = prescription.json().at("/data/id").asText();

        Http.Response event = http.postAs(Demo.CAIRO_NURSE.login(http), "/api/v2/adverse-events", """
                {"patient":{"initials":"SH","ageYears":46,"sex":"female"},"suspectMedicines":[{"medicineId":"%s"}],
                 "reactions":[{"term":"Nausea"}],"seriousness":{"serious":false}}""".formatted(medicineId));
        assertThat(event.status()).as(event.body()).isEqualTo(201);
        adverseEventId = event.json().at("/data/id").asText();

        for (int i = 0; i < 100 && !search(http, officer, "Backupol").contains("EG-BKP1"); i++) {
            Thread.sleep(50); // the index follows the outbox; the backup should hold the new medicine
        }
        assertThat(search(http, officer, "Backupol")).contains("EG-BKP1");
    }

    private static List<String> search(Http http, String token, String q) {
        Http.Response response = http.getAs(token, "/api/v2/medicines/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("data").findValuesAsText("registrationNo");
    }

    // --- the PostgreSQL 15 server

    private static EmbeddedPostgres startPostgres15() throws IOException {
        Path jar = Path.of(System.getProperty("healthflow.test.postgres15.jar",
                "target/postgres-15/postgres-binaries-15.jar"));
        assertThat(jar).as("copied by the api build (maven-dependency-plugin, process-test-resources)").exists();
        binaries = new ZipFile(jar.toFile());
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, architecture) ->
                        binaries.getInputStream(binaries.getEntry("postgres-linux-x86_64.txz")))
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private static void createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    private static String lastChangeset(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
             var rows = connection.createStatement().executeQuery(
                     "SELECT id FROM databasechangelog ORDER BY orderexecuted DESC LIMIT 1")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Map<String, Long> counts(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "")) {
            return TableCounts.of(connection);
        }
    }

    record Head(long lastId, String lastHash) {
    }

    private static Head auditHead(String database) {
        return Jdbi.create(url(database), "postgres", "").withHandle(h -> h.createQuery(
                "SELECT last_id, last_hash FROM audit_chain WHERE id = 1").map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).one());
    }

    /** A digest of every audit record's id, hash and content as text, in order. */
    private static String auditDigest(String database) {
        return Jdbi.create(url(database), "postgres", "").withHandle(h -> h.createQuery(
                "SELECT md5(string_agg(l::text, E'\\n' ORDER BY id)) FROM audit_log l").mapTo(String.class).one());
    }

    // --- running the scripts

    record Run(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Map<String, String> env(String database, Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", url(database));
        env.put("DATABASE_USER", "postgres");
        env.put("DATABASE_PASSWORD", "");
        if (home != null) {
            env.put("HEALTHFLOW_HOME", home.toString());
        }
        return env;
    }

    private static Run script(String name, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("healthflow.repo.dir", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy/scripts/" + name).toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DATABASE_") || k.equals("HEALTHFLOW_HOME"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("script", ".out");
        Path err = Files.createTempFile("script", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static int pgDumpMajor(Map<String, String> env) {
        try {
            Run run = run(List.of("pg_dump", "--version"), env);
            var matcher = Pattern.compile("(\\d+)\\.").matcher(run.out());
            return run.exit() == 0 && matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
