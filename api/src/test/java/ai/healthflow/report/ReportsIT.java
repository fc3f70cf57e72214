package ai.healthflow.report;

import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.platform.db.Db;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static ai.healthflow.report.ReportRuns.finished;
import static org.assertj.core.api.Assertions.assertThat;

/** The reports API end to end: requests, the report-export job run by the batch engine, files, scoping, retention. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReportsIT {
    static final TestApp.Extension APP = TestApp.create();
    static final HttpClient BYTES = HttpClient.newHttpClient();
    Http http;
    String officer;

    @BeforeEach
    void setUp() {
        http = APP.http();
        officer = Demo.OFFICER.login(http);
    }

    JsonNode request(String token, String body) {
        Http.Response response = http.postAs(token, "/api/v2/reports", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.header("Location")).endsWith("/api/v2/reports/" + response.json().at("/data/id").asText());
        return response.json().get("data");
    }

    HttpResponse<byte[]> download(String token, String id) throws Exception {
        return BYTES.send(http.request("/api/v2/reports/" + id + "/download", "Authorization", Http.bearer(token)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void everyShippedReportOpensInAllThreeFormats() throws Exception {
        List<String> checked = new ArrayList<>();
        for (ReportDefinition definition : ReportCatalog.load().all()) {
            for (String format : List.of("xlsx", "pdf", "csv")) {
                ReportLanguage language = checked.size() % 2 == 0 ? ReportLanguage.EN : ReportLanguage.AR;
                JsonNode queued = request(officer, """
                        {"type":"%s","format":"%s","language":"%s"}""".formatted(definition.id(), format, language.code()));
                assertThat(queued.get("dataScope").asText()).as("the regulator reads every tenant").isEqualTo("all");
                JsonNode done = finished(http, officer, queued.get("id").asText());
                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
                assertThat(done.get("progress").asInt()).isEqualTo(100);
                HttpResponse<byte[]> file = download(officer, queued.get("id").asText());
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body().length).isEqualTo(done.get("sizeBytes").asInt());
                List<String> headers = definition.columns().stream().map(c -> c.header().in(language)).toList();
                String what = definition.id() + " " + format + " " + language.code();
                switch (format) {
                    case "xlsx" -> {
                        assertThat(file.headers().firstValue("Content-Type").orElseThrow())
                                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                        try (XSSFWorkbook workbook = ReportFiles.xlsx(file.body())) {
                            assertThat(ReportFiles.row(workbook.getSheetAt(1), 0)).as(what).containsExactlyElementsOf(headers);
                            assertThat(workbook.getSheetAt(1).getLastRowNum()).as(what).isEqualTo(done.get("rowCount").asInt());
                            assertThat(workbook.getSheetAt(0).isRightToLeft()).isEqualTo(language == ReportLanguage.AR);
                        }
                    }
                    case "pdf" -> {
                        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
                        assertThat(ReportFiles.flat(ReportFiles.pdfText(file.body(), 1))).as(what)
                                .contains(ReportFiles.flat(definition.title().in(language)))
                                .contains(ReportFiles.flat(headers.getFirst()));
                    }
                    default -> {
                        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
                        String csv = ReportFiles.csv(file.body());
                        assertThat(csv).as(what).startsWith(String.join(",", headers) + "\r\n");
                        assertThat(csv.split("\r\n")).hasSize(done.get("rowCount").asInt() + 1);
                    }
                }
                checked.add(what);
            }
        }
        assertThat(checked).hasSize(3 * ReportCatalog.load().all().size()); // none skipped
    }

    @Test
    void theRegistryReportHasEveryRegisteredMedicineAndTheFileIsNamedForPeople() throws Exception {
        JsonNode queued = request(officer, """
                {"type":"medicine-registry","format":"xlsx","language":"ar","params":{"status":"registered"}}""");
        JsonNode done = finished(http, officer, queued.get("id").asText());

        assertThat(done.get("rowCount").asLong()).isPositive()
                .isEqualTo(APP.count("SELECT count(*) FROM medicines WHERE status = 'registered'"));
        assertThat(done.get("params").get("status").asText()).isEqualTo("registered");
        assertThat(done.get("title").asText()).isEqualTo("سجل الأدوية");
        assertThat(done.get("downloadUrl").asText()).isEqualTo("/api/v2/reports/" + queued.get("id").asText() + "/download");
        HttpResponse<byte[]> file = download(officer, queued.get("id").asText());
        String disposition = file.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; filename=\"medicine-registry-")
                .contains(".xlsx\"; filename*=UTF-8''" + ContentDisposition.encode("سجل الأدوية"));
        try (XSSFWorkbook workbook = ReportFiles.xlsx(file.body())) {
            assertThat(workbook.getSheetAt(1).isRightToLeft()).isTrue();
            assertThat(workbook.getSheetAt(1).getRow(1).getCell(11).getCellType())
                    .as("prices are numbers").isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
        }
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'report.requested' AND entity_id = '"
                + queued.get("id").asText() + "'")).isEqualTo(1);
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'report.downloaded' AND entity_id = '"
                + queued.get("id").asText() + "'")).isEqualTo(1);
    }

    @Test
    void aTenantAdminSeesOnlyTheirTenantsRows() throws Exception {
        String admin = Demo.CAIRO_ADMIN.login(http);
        // the Cairo hospital acknowledges a recall sent to every pharmacy and hospital
        String medicine = http.postAs(officer, "/api/v2/medicines", """
                {"registrationNo":"EG-RPT1","tradeNameEn":"Reportin","tradeNameAr":"ريبورتين",
                 "genericNameEn":"amoxicillin","genericNameAr":"أموكسيسيلين","strength":"500 mg",
                 "dosageForm":"capsule","route":"oral","atcCode":"J01CA04","manufacturer":"Pharco","priceEgp":20}
                """).json().at("/data/id").asText();
        String recall = http.postAs(officer, "/api/v2/recalls", """
                {"medicineId":"%s","allBatches":true,"class":"II","level":"retail",
                 "reasonEn":"Label error","reasonAr":"خطأ في الملصق","instructionsEn":"Return","instructionsAr":"أعد",
                 "startDate":"%s"}""".formatted(medicine, java.time.LocalDate.now())).json().at("/data/id").asText();
        assertThat(http.postAs(officer, "/api/v2/recalls/" + recall + "/activate", "{}").status()).isEqualTo(200);
        for (int i = 0; i < 100 && !http.getAs(officer, "/api/v2/recalls/" + recall).json().at("/data/progress/fanOut").asText().equals("done"); i++) {
            Thread.sleep(100);
        }
        assertThat(http.postAs(admin, "/api/v2/recalls/" + recall + "/acknowledgements",
                "{\"quantityQuarantined\":7,\"quantityReturned\":3}").status()).isEqualTo(200);
        long tenants = APP.count("SELECT count(*) FROM recall_acknowledgements WHERE recall_id = '" + recall + "'");

        String regulatorRow = line(officer, "recalls", "EG-RPT1");
        JsonNode adminRequest = request(admin, "{\"type\":\"recalls\",\"format\":\"csv\"}");
        assertThat(adminRequest.get("dataScope").asText()).isEqualTo("tenant");
        String adminRow = line(admin, "recalls", "EG-RPT1");

        assertThat(regulatorRow).contains(",Label error,خطأ في الملصق," + tenants + ",1," + (tenants - 1) + ",");
        assertThat(adminRow).contains(",Label error,خطأ في الملصق,1,1,0,100.0,7,3,");
        assertThat(tenants).isGreaterThan(1);
    }

    /** The CSV line of a report (in English) that contains {@code needle}. */
    String line(String token, String type, String needle) throws Exception {
        JsonNode queued = request(token, "{\"type\":\"" + type + "\",\"format\":\"csv\",\"language\":\"en\"}");
        JsonNode done = finished(http, token, queued.get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("completed");
        String csv = ReportFiles.csv(download(token, queued.get("id").asText()).body());
        return java.util.Arrays.stream(csv.split("\r\n")).filter(l -> l.contains(needle)).findFirst()
                .orElseThrow(() -> new AssertionError(needle + " not in " + csv));
    }

    @Test
    void permissionsDecideWhoMayRequestWhichReport() throws Exception {
        String admin = Demo.CAIRO_ADMIN.login(http);
        String doctor = Demo.CAIRO_DOCTOR.login(http);

        Http.Response audit = http.postAs(admin, "/api/v2/reports", "{\"type\":\"audit-log\",\"format\":\"csv\"}");
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.json().get("detail").asText()).contains("audit:read");
        assertThat(http.postAs(doctor, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\"}").status()).isEqualTo(403);
        assertThat(http.postJson("/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\"}").status()).isEqualTo(401);
        assertThat(http.get("/api/v2/reports").status()).isEqualTo(401);

        JsonNode adminCan = http.getAs(admin, "/api/v2/reports/definitions").json().get("data");
        List<String> adminIds = new ArrayList<>();
        adminCan.forEach(d -> adminIds.add(d.get("id").asText()));
        assertThat(adminIds).contains("recalls", "medicine-registry").doesNotContain("audit-log");
        JsonNode officerCan = http.getAs(officer, "/api/v2/reports/definitions").json().get("data");
        assertThat(officerCan.findValuesAsText("id")).contains("audit-log");
        assertThat(officerCan.get(0).get("parameters")).isNotNull();

        // a request is its requester's: others do not see it, list it or download it
        String id = request(officer, "{\"type\":\"medicine-registry\",\"format\":\"csv\"}").get("id").asText();
        finished(http, officer, id);
        assertThat(http.getAs(admin, "/api/v2/reports/" + id).status()).isEqualTo(404);
        assertThat(download(admin, id).statusCode()).isEqualTo(404);
        assertThat(http.getAs(Demo.VIEWER.login(http), "/api/v2/reports").status()).isEqualTo(403);
        JsonNode mine = http.getAs(officer, "/api/v2/reports?size=100").json();
        assertThat(mine.get("data").findValuesAsText("id")).contains(id);
        JsonNode theirs = http.getAs(admin, "/api/v2/reports?size=100").json();
        assertThat(theirs.get("data").findValuesAsText("id")).doesNotContain(id);
        assertThat(http.getAs(officer, "/api/v2/reports?status=done").status()).isEqualTo(400);
    }

    @Test
    void wrongRequestsAre400sNamingTheField() {
        assertField(http.postAs(officer, "/api/v2/reports", "{\"type\":\"nothing\",\"format\":\"csv\"}"), "type");
        assertField(http.postAs(officer, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"docx\"}"), "format");
        assertField(http.postAs(officer, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\",\"language\":\"fr\"}"), "language");
        assertField(http.postAs(officer, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\",\"params\":{\"colour\":\"red\"}}"), "params.colour");
        assertField(http.postAs(officer, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\",\"params\":{\"from\":\"31/12/2026\"}}"), "params.from");
        assertField(http.postAs(officer, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\",\"params\":{\"status\":\"gone\"}}"), "params.status");
        assertField(http.postAs(officer, "/api/v2/reports", "{\"format\":\"csv\"}"), "type");
        Http.Response unknownField = http.postAs(officer, "/api/v2/reports", "{\"type\":\"recalls\",\"format\":\"csv\",\"colour\":1}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(http.getAs(officer, "/api/v2/reports/not-a-uuid").status()).isIn(400, 404);
        assertThat(http.getAs(officer, "/api/v2/reports/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    static void assertField(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void aQueuedReportIsNotReadyAndAnExpiredOneIsGone() throws Exception {
        String queued = UUID.randomUUID().toString();
        try (Connection c = APP.superuser()) {
            // a request whose launch never happened (as after a crash): the sweeper picks it up later
            c.createStatement().execute("""
                    INSERT INTO report_requests (id, requester_id, requester_email, tenant_id, data_scope, type, format,
                                                 language, params, created_at, updated_at)
                    SELECT '%s', u.id, u.email, m.tenant_id, 'all', 'medicine-registry', 'csv', 'en', '{}',
                           now() - interval '5 minutes', now() - interval '5 minutes'
                      FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = '%s'
                    """.formatted(queued, Demo.OFFICER.email));
        }
        Http.Response notReady = http.getAs(officer, "/api/v2/reports/" + queued + "/download");
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.json().get("type").asText()).endsWith("report-not-ready");

        // the sweeper relaunches it; later, past the retention, it expires with its file
        Db db = new Db(Jdbi.create(APP.database().url(), APP.database().user(), APP.database().password()));
        var launcher = new java.util.concurrent.atomic.AtomicReference<UUID>();
        Path reports = APP.getConfiguration().home().resolve("reports");
        new ReportSweeper(db, launcher::set, audit(Clock.systemUTC()), Clock.systemUTC(), reports, Duration.ofHours(1)).sweep();
        assertThat(launcher.get()).isEqualTo(UUID.fromString(queued));

        String done = request(officer, "{\"type\":\"medicine-registry\",\"format\":\"pdf\"}").get("id").asText();
        JsonNode finished = finished(http, officer, done);
        Path file = reports.resolve(done + ".pdf");
        assertThat(file).exists();
        assertThat(Instant.parse(finished.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(finished.get("finishedAt").asText()).plus(Duration.ofDays(7)));
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);
        var sweeper = new ReportSweeper(db, id -> { }, audit(later), later, reports, Duration.ofHours(1));

        assertThat(sweeper.sweep().get("expired")).isGreaterThanOrEqualTo(1);

        assertThat(file).doesNotExist();
        assertThat(http.getAs(officer, "/api/v2/reports/" + done).json().at("/data/status").asText()).isEqualTo("expired");
        Http.Response gone = http.getAs(officer, "/api/v2/reports/" + done + "/download");
        assertThat(gone.status()).isEqualTo(410);
    }

    @Test
    void reportsRunAsReportExportJobsOfTheBatchEngine() throws Exception {
        String id = request(officer, "{\"type\":\"medicine-registry\",\"format\":\"csv\"}").get("id").asText();
        JsonNode done = finished(http, officer, id);
        String admin = Demo.SUPER_ADMIN.login(http);

        JsonNode runs = http.getAs(admin, "/api/v2/batch/jobs/report-export/runs").json().get("data");

        JsonNode run = null;
        for (JsonNode candidate : runs) {
            if (candidate.at("/parameters/requestId").asText().equals(id)) {
                run = candidate;
            }
        }
        assertThat(run).as("a report-export run for " + id + " in " + runs).isNotNull();
        for (int i = 0; i < 100 && !run.get("status").asText().equals("COMPLETED"); i++) {
            Thread.sleep(100);
            run = http.getAs(admin, "/api/v2/batch/jobs/report-export/runs/" + run.get("id").asLong()).json().get("data");
        }
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.at("/results/rows").asLong()).isEqualTo(done.get("rowCount").asLong());
        assertThat(run.at("/results/status").asText()).isEqualTo("completed");
    }

    AuditLog audit(Clock clock) {
        return new AuditLog(new AuditChain(APP.getConfiguration().security().auditKey()), clock);
    }
}
