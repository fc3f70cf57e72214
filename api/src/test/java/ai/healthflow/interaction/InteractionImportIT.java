package ai.healthflow.interaction;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v2/interactions/import}: upsert by pair, per-row report, dry run, one transaction, audited. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InteractionImportIT {
    static final TestApp.Extension APP = TestApp.create();
    static final String HEADER = String.join(",", InteractionRow.COLUMNS) + "\n";
    static final String AR = "نص عربي للاختبار";
    Http http;
    String officer;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
    }

    Http.Response importCsv(String csv, String query) {
        return importAs(officer, csv, query);
    }

    Http.Response importAs(String token, String csv, String query) {
        return http.send(http.request("/api/v2/interactions/import" + query, "Authorization", Http.bearer(token),
                "Content-Type", "text/csv; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    static String row(String a, String b, String severity, String descriptionEn, String descriptionAr) {
        return csv(List.of(a, b, severity, descriptionEn, descriptionAr, "Monitor.", AR, "EDA bulletin 2026"));
    }

    static String csv(List<String> values) {
        try (var out = new StringWriter(); var printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setRecordSeparator("\n").get())) {
            printer.printRecord(values);
            printer.flush();
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row of the bundled file, exactly as shipped. */
    static List<String> bundledRow(String a, String b) throws IOException {
        try (var in = InteractionImportIT.class.getResourceAsStream("/clinical/interactions.csv");
             var parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8),
                     CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : parser) {
                if (r.get("ingredient_a").equals(a) && r.get("ingredient_b").equals(b)) {
                    return r.toList();
                }
            }
        }
        throw new IllegalArgumentException(a + " + " + b + " is not in the bundled file");
    }

    static List<String> columns(JsonNode rejected) {
        List<String> columns = new ArrayList<>();
        rejected.forEach(r -> columns.add(r.path("line").asInt() + ":" + r.path("column").asText()));
        return columns;
    }

    @Test
    void rowsAreCreatedUpdatedLeftUnchangedOrRejectedWithLineColumnAndReason() throws Exception {
        String csv = HEADER
                + row("Zolpidem", "clarithromycin", "moderate", "Clarithromycin raises zolpidem levels.", AR)
                + row("acetylsalicylic acid", "warfarin", "contraindicated", "Regulator's stricter wording.", AR)
                + csv(bundledRow("warfarin", "ibuprofen"))
                + row("warfarin", "aspirin", "deadly", "Bad severity.", "English where Arabic belongs")
                + row("warfarin", "Warfarin", "major", "Same ingredient twice.", AR)
                + row("clarithromycin", "zolpidem", "minor", "The pair of line 2 again.", AR)
                + row("paracetamol + caffeine", "warfarin", "minor", "A combination is not an ingredient.", AR);

        Http.Response response = importCsv(csv, "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json().path("data");
        assertThat(report.path("dryRun").asBoolean()).isFalse();
        assertThat(report.at("/counts/rows").asInt()).isEqualTo(7);
        assertThat(report.at("/counts/created").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/unchanged").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/rejected").asInt()).isEqualTo(4);
        assertThat(report.at("/created/0/line").asInt()).isEqualTo(2);
        assertThat(report.at("/created/0/ingredients/0").asText()).isEqualTo("zolpidem");
        assertThat(report.at("/updated/0/line").asInt()).isEqualTo(3);
        assertThat(report.at("/unchanged/0/line").asInt()).isEqualTo(4);
        assertThat(columns(report.path("rejected"))).containsExactly("5:severity", "5:description_ar",
                "6:ingredient_b", "7:ingredient_b", "8:ingredient_a");
        assertThat(report.at("/rejected/3/reason").asText()).contains("line 2");

        // stored in canonical order, as the regulator's
        assertThat(APP.count("SELECT count(*) FROM drug_interactions WHERE ingredient_a = 'clarithromycin' "
                + "AND ingredient_b = 'zolpidem' AND origin = 'import' AND severity = 'moderate'")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM drug_interactions WHERE ingredient_a = 'acetylsalicylic acid' "
                + "AND ingredient_b = 'warfarin' AND origin = 'import' AND severity = 'contraindicated' "
                + "AND updated_by = (SELECT id FROM users WHERE email = 'officer@eda.demo')")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM drug_interactions WHERE ingredient_a = 'ibuprofen' "
                + "AND ingredient_b = 'warfarin' AND origin = 'bundled'")).as("unchanged stays bundled").isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'interaction.imported' "
                + "AND changes LIKE '%\"created\":1%' AND changes LIKE '%\"updated\":1%' "
                + "AND changes LIKE '%\"unchanged\":1%' AND changes LIKE '%\"rejected\":4%'")).isEqualTo(1);

        // reimporting the same file changes nothing
        JsonNode again = importCsv(csv, "").json().path("data");
        assertThat(again.at("/counts/unchanged").asInt()).isEqualTo(3);
        assertThat(again.at("/counts/created").asInt() + again.at("/counts/updated").asInt()).isZero();
    }

    @Test
    void anImportedPairAppliesToIngredientsThatEnterTheRegistryLater() {
        assertThat(importCsv(HEADER + row("ivermectin", "warfarin", "moderate", "Ivermectin may raise the INR.",
                "قد يرفع الإيفرمكتين نسبة INR."), "").status()).isEqualTo(200);
        UUID iverzine = TestMedicines.create(http, officer, "Iverzine", "إيفرزين", "ivermectin", "إيفرمكتين");
        UUID marevan = TestMedicines.create(http, officer, "Marevan", "ماريفان", "warfarin", "وارفارين");

        JsonNode findings = http.postAs(Demo.PHARMACIST.login(http), "/api/v2/interactions/check",
                "{\"medicines\":[{\"id\":\"" + iverzine + "\"},{\"id\":\"" + marevan + "\"}]}").json().path("data");

        assertThat(findings).hasSize(1);
        assertThat(findings.at("/0/descriptionEn").asText()).isEqualTo("Ivermectin may raise the INR.");
        assertThat(findings.at("/0/source").asText()).isEqualTo("EDA bulletin 2026");
        assertThat(findings.at("/0/ingredients/0").asText()).isEqualTo("ivermectin");
    }

    @Test
    void aDryRunReportsWithoutWritingOrAuditing() throws SQLException {
        long pairs = APP.count("SELECT count(*) FROM drug_interactions");
        long audits = APP.count("SELECT count(*) FROM audit_log WHERE action = 'interaction.imported'");
        String csv = HEADER + row("tamoxifen", "paroxetine", "major", "Paroxetine blocks tamoxifen activation.", AR)
                + row("warfarin", "ibuprofen", "minor", "Softer.", AR);

        JsonNode report = importCsv(csv, "?dryRun=true").json().path("data");

        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.at("/counts/created").asInt()).isEqualTo(1);
        assertThat(report.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM drug_interactions")).isEqualTo(pairs);
        assertThat(APP.count("SELECT count(*) FROM drug_interactions WHERE ingredient_a = 'ibuprofen' "
                + "AND ingredient_b = 'warfarin' AND severity = 'major' AND origin = 'bundled'")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'interaction.imported'")).isEqualTo(audits);
        assertThat(importCsv(csv, "?dryRun=perhaps").status()).isEqualTo(400);
    }

    @Test
    void aFailureMidwayLeavesNoPartialImport() throws SQLException {
        try (Connection c = APP.superuser(); var s = c.createStatement()) {
            s.execute("""
                    CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.ingredient_b = 'crash' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
                    CREATE TRIGGER test_crash BEFORE INSERT ON drug_interactions FOR EACH ROW EXECUTE FUNCTION test_crash();
                    """);
        }
        try {
            String csv = HEADER + row("albendazole", "cimetidine", "minor", "Cimetidine raises albendazole levels.", AR)
                    + row("albendazole", "crash", "minor", "Crash.", AR);

            Http.Response response = importCsv(csv, "");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("disk full");
            assertThat(APP.count("SELECT count(*) FROM drug_interactions WHERE ingredient_a = 'albendazole' AND ingredient_b = 'cimetidine'")).isZero();
        } finally {
            try (Connection c = APP.superuser(); var s = c.createStatement()) {
                s.execute("DROP TRIGGER test_crash ON drug_interactions; DROP FUNCTION test_crash();");
            }
        }
    }

    @Test
    void aWrongHeaderOrFormatIsRefusedAsAWhole() {
        Http.Response missing = importCsv("ingredient_a,ingredient_b,severity,colour\nwarfarin,ibuprofen,major,red\n", "");
        assertThat(missing.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        missing.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("description_en", "source", "colour");

        assertThat(importCsv("", "").status()).isEqualTo(422);
        assertThat(http.send(http.request("/api/v2/interactions/import", "Authorization", Http.bearer(officer),
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))).status())
                .isEqualTo(415);
        byte[] latin1 = (HEADER + "warfarin,ibuprofen,major,caf\u00e9,x,y,z,BNF\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(http.send(http.request("/api/v2/interactions/import", "Authorization", Http.bearer(officer),
                "Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(latin1))).status())
                .isEqualTo(422);
    }
}
