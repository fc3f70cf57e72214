package ai.healthflow.medicine;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class MedicineImportIT {
    static final TestApp.Extension APP = TestApp.create();
    static final String HEADER = "registration_no,trade_name_en,trade_name_ar,generic_name_en,generic_name_ar,"
            + "strength,dosage_form,route,atc_code,manufacturer,gtin,price_egp,status\n";
    Http http;
    String officer;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
    }

    static String gtin(String body12) {
        return GtinTest.withCheckDigit(body12);
    }

    Http.Response importCsv(String csv, String query) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = csv.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(text, 0, body, bom.length, text.length);
        return http.send(http.request("/api/v2/medicines/import" + query, "Authorization", Http.bearer(officer),
                "Content-Type", "text/csv; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void validRowsAreImportedAndInvalidOnesReportedWithLineColumnAndReason() throws SQLException {
        String csv = HEADER
                + "EG-200001,Panadol,بانادول,paracetamol,باراسيتامول,500 mg,tablet,oral,N02BE01,GSK," + gtin("622200000001") + ",45.50,registered\n"
                + "EG-200002,\"Panadol Extra, Caplets\",بانادول اكسترا,paracetamol + caffeine,باراسيتامول + كافيين,500 mg + 65 mg,film-coated tablet,oral,N02BE51,GSK," + gtin("622200000002") + ",٦٢٫٠٠,\n"
                + "EG-200003,Bad Barcode,باد,paracetamol,باراسيتامول,500 mg,tablet,oral,N02BE01,GSK,6222000000039,10,registered\n"
                + "EG-200004,Odd Form,غريب,paracetamol,باراسيتامول,500 mg,pill,mouth,N02BE01,GSK,,10,registered\n";

        Http.Response response = importCsv(csv, "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json().get("data");
        assertThat(report.at("/counts/rows").asInt()).isEqualTo(4);
        assertThat(report.at("/counts/created").asInt()).isEqualTo(2);
        assertThat(report.at("/counts/rejected").asInt()).isEqualTo(2);
        assertThat(report.get("created").findValuesAsText("registrationNo")).containsExactly("EG-200001", "EG-200002");
        JsonNode rejected = report.get("rejected");
        assertThat(rejected.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(rejected.get(0).get("column").asText()).isEqualTo("gtin");
        assertThat(rejected.findValuesAsText("column")).contains("dosage_form", "route");
        assertThat(rejected.get(1).get("line").asInt()).isEqualTo(5);
        assertThat(APP.count("SELECT count(*) FROM medicines WHERE registration_no LIKE 'EG-2000%'")).isEqualTo(2);
        JsonNode extra = http.getAs(officer, "/api/v2/medicines/barcode/" + gtin("622200000002")).json().get("data");
        assertThat(extra.get("tradeNameEn").asText()).isEqualTo("Panadol Extra, Caplets");
        assertThat(extra.get("priceEgp").decimalValue()).as("Arabic digits").isEqualByComparingTo("62.00");
        assertThat(extra.get("ingredients").findValuesAsText("nameEn")).containsExactly("paracetamol", "caffeine");
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'medicine.imported' "
                + "AND changes LIKE '%\"created\":2%' AND changes LIKE '%\"rejected\":2%'")).isEqualTo(1);
    }

    @Test
    void reimportingUpsertsByRegistrationNumber() {
        String first = HEADER + "EG-210001,Brufen,بروفين,ibuprofen,ايبوبروفين,400 mg,tablet,oral,M01AE01,Abbott,,30.00,registered\n";
        String second = HEADER + "eg-210001,Brufen,بروفين,ibuprofen,ايبوبروفين,400 mg,tablet,oral,M01AE01,Abbott,,33.00,registered\n"
                + "EG-210002,Brufen,بروفين,ibuprofen,ايبوبروفين,600 mg,tablet,oral,M01AE01,Abbott,,41.00,registered\n";
        importCsv(first, "");

        JsonNode again = importCsv(first, "").json().get("data");
        JsonNode changed = importCsv(second, "").json().get("data");

        assertThat(again.at("/counts/unchanged").asInt()).isEqualTo(1);
        assertThat(changed.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(changed.at("/counts/created").asInt()).isEqualTo(1);
    }

    @Test
    void dryRunValidatesWithoutWriting() throws SQLException {
        long before = APP.count("SELECT count(*) FROM medicines");
        String csv = HEADER + "EG-220001,Cataflam,كتافلام,diclofenac,ديكلوفيناك,50 mg,tablet,oral,M01AB05,Novartis,,25,registered\n";

        JsonNode report = importCsv(csv, "?dryRun=true").json().get("data");

        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.at("/counts/created").asInt()).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM medicines")).isEqualTo(before);
        assertThat(APP.count("SELECT count(*) FROM search_outbox WHERE entity_id NOT IN (SELECT id FROM medicines)")).isZero();
        assertThat(importCsv(csv, "?dryRun=maybe").status()).isEqualTo(400);
    }

    @Test
    void aFailureMidwayLeavesNoPartialImport() throws SQLException {
        try (Connection c = APP.superuser(); var s = c.createStatement()) {
            s.execute("""
                    CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.registration_no = 'EG-CRASH' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
                    CREATE TRIGGER test_crash BEFORE INSERT ON medicines FOR EACH ROW EXECUTE FUNCTION test_crash();
                    """);
        }
        String csv = HEADER
                + "EG-230001,Concor,كونكور,bisoprolol,بيسوبرولول,5 mg,tablet,oral,C07AB07,Merck,,60,registered\n"
                + "EG-CRASH,Crash,كراش,bisoprolol,بيسوبرولول,5 mg,tablet,oral,C07AB07,Merck,,60,registered\n";
        try {
            Http.Response response = importCsv(csv, "");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("disk full");
            assertThat(APP.count("SELECT count(*) FROM medicines WHERE registration_no = 'EG-230001'")).isZero();
        } finally {
            try (Connection c = APP.superuser(); var s = c.createStatement()) {
                s.execute("DROP TRIGGER test_crash ON medicines; DROP FUNCTION test_crash()");
            }
        }
    }

    @Test
    void aWrongHeaderIsRefusedNamingTheColumns() {
        Http.Response response = importCsv("registration_no,trade_name,price\nEG-1,X,1\n", "");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").findValuesAsText("field"))
                .contains("trade_name_en", "trade_name", "price");
    }

    @Test
    void anXlsxWorkbookIsImportedWithNumbersAsTyped() throws IOException, SQLException {
        byte[] workbook;
        try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("registry");
            String[] columns = HEADER.strip().split(",");
            var header = sheet.createRow(0);
            for (int i = 0; i < columns.length; i++) {
                header.createCell(i).setCellValue(columns[i]);
            }
            var row = sheet.createRow(1);
            Object[] values = {"EG-240001", "Glucophage", "جلوكوفاج", "metformin", "ميتفورمين", "500 mg", "tablet",
                    "oral", "A10BA02", "Merck", Double.parseDouble(gtin("622240000001")), 38.5, "registered"};
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Double d) {
                    row.createCell(i).setCellValue(d);
                } else {
                    row.createCell(i).setCellValue((String) values[i]);
                }
            }
            book.write(out);
            workbook = out.toByteArray();
        }

        Http.Response response = http.send(http.request("/api/v2/medicines/import", "Authorization", Http.bearer(officer),
                "Content-Type", MedicineImport.XLSX).POST(HttpRequest.BodyPublishers.ofByteArray(workbook)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().at("/data/counts/created").asInt()).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM medicines WHERE gtin = '" + gtin("622240000001") + "' AND price_egp = 38.50"))
                .isEqualTo(1);
    }

    @Test
    void notAWorkbookAndWrongTypesAreClientErrors() {
        Http.Response garbage = http.send(http.request("/api/v2/medicines/import", "Authorization", Http.bearer(officer),
                "Content-Type", MedicineImport.XLSX).POST(HttpRequest.BodyPublishers.ofString("not a zip")));
        Http.Response json = http.postAs(officer, "/api/v2/medicines/import", "{}");
        Http.Response doctor = http.send(http.request("/api/v2/medicines/import", "Authorization",
                Http.bearer(Demo.CAIRO_DOCTOR.login(http)), "Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HEADER)));

        assertThat(garbage.status()).isEqualTo(422);
        assertThat(json.status()).isEqualTo(415);
        assertThat(doctor.status()).isEqualTo(403);
    }

}
