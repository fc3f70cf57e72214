package ai.healthflow.safetysummary;

import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.BatchSettings;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.batch.safety.SafetySummaryJob;
import ai.healthflow.jobs.BatchJobCatalog;
import ai.healthflow.report.ReportFiles;
import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety-summary job end to end on a small world counted by hand for March 2026 (Cairo): the engine writes the
 * month's PDFs in English and Arabic with the exact figures, a rerun over the batch API replaces them, the officers
 * are told, and the regulator lists and downloads them while a tenant cannot. The tests build on each other.
 *
 * <p>The world: ingredients safetol, riskamine and quietine; Safetab (safetol), Safecombo (safetol + riskamine),
 * Riskol (riskamine), Quietab (quietine). Reports received in March (Cairo), current versions:
 * <pre>
 *   E1 Cairo     Safetab                      serious  Headache, Rash
 *   E2 Cairo     Safetab                      -        headache, Nausea
 *   E3 Cairo     Safecombo                    serious  Headache, Rash
 *   E4 Cairo     Safetab + Safecombo          -        Headache, Dizziness
 *   E5 pharmacy  Riskol (Safetab concomitant) serious  Rash         received 1 March 00:30 Cairo (28 Feb in UTC)
 *   E8 pharmacy  Riskol (in version 2; version 1 named Safetab, Fever)  serious  HEADACHE, Fever
 * </pre>
 * Not in March: E6 (1 April 00:30 Cairo, 31 March in UTC) and E7 (15 February).
 * safetol: E1–E4 = 4 reports, 2 serious (50.0 %), Headache (4); Rash (2); Dizziness (1).
 * riskamine: E3, E4, E5, E8 = 4 reports, 3 serious (75.0 %), Headache (3); Rash (2); Dizziness (1).
 * quietine: no reports; a class II recall of Quietab activated on 10 March. Riskol has had a class I recall active
 * since February; Safetab's January recall was completed on 20 March (neither opened nor active at the month's end).
 * The latest completed signal run flags safetol × Headache; an older run flagged safetol × Nausea.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SafetySummaryIT {
    static final TestApp.Extension APP = TestApp.create();
    static final HttpClient BYTES = HttpClient.newHttpClient();
    static final String MONTH = "2026-03";
    static BatchEngine engine;
    static Path directory;
    static long englishSize;
    static long arabicSize;
    static String englishText;

    final Http http = APP.http();

    @BeforeAll
    static void world() throws Exception {
        directory = APP.getConfiguration().home().resolve("reports").resolve("safety-summaries");
        try (Connection c = APP.superuser()) {
            UUID cairo = id(c, "SELECT id FROM tenants WHERE name_en = 'Cairo General Hospital'");
            UUID pharmacy = id(c, "SELECT id FROM tenants WHERE name_en = 'El-Shifa Pharmacy'");
            UUID doctor = id(c, "SELECT id FROM users WHERE email = 'doctor@cairo-general.demo'");
            UUID pharmacist = id(c, "SELECT id FROM users WHERE email = 'pharmacist@elshifa.demo'");
            c.createStatement().execute("""
                    INSERT INTO ingredients (id, name_en, name_ar) VALUES
                      ('a0000000-0000-0000-0000-000000000001', 'safetol', 'سيفتول'),
                      ('a0000000-0000-0000-0000-000000000002', 'riskamine', 'ريسكامين'),
                      ('a0000000-0000-0000-0000-000000000003', 'quietine', 'كوايتين');
                    INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en,
                                           generic_name_ar, strength, dosage_form, route, manufacturer) VALUES
                      ('b0000000-0000-0000-0000-000000000001', 'SS-1', 'Safetab', 'سيفتاب', 'safetol', 'سيفتول', '500 mg', 'tablet', 'oral', 'Pharco'),
                      ('b0000000-0000-0000-0000-000000000002', 'SS-2', 'Safecombo', 'سيفكومبو', 'safetol + riskamine', 'مركب', NULL, 'tablet', 'oral', 'Pharco'),
                      ('b0000000-0000-0000-0000-000000000003', 'SS-3', 'Riskol', 'ريسكول', 'riskamine', 'ريسكامين', '10 mg', 'tablet', 'oral', 'Pharco'),
                      ('b0000000-0000-0000-0000-000000000004', 'SS-4', 'Quietab', 'كوايتاب', 'quietine', 'كوايتين', '5 mg', 'tablet', 'oral', 'Pharco');
                    INSERT INTO medicine_ingredients (medicine_id, ingredient_id, position) VALUES
                      ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 1),
                      ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', 1),
                      ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000002', 2),
                      ('b0000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000002', 1),
                      ('b0000000-0000-0000-0000-000000000004', 'a0000000-0000-0000-0000-000000000003', 1);
                    """);
            var reports = new Reports(c);
            reports.add(1, cairo, doctor, "2026-03-05T10:00:00Z", true, List.of(List.of("S1")), List.of("Headache", "Rash"));
            reports.add(2, cairo, doctor, "2026-03-06T10:00:00Z", false, List.of(List.of("S1")), List.of("headache", "Nausea"));
            reports.add(3, cairo, doctor, "2026-03-07T10:00:00Z", true, List.of(List.of("S2")), List.of("Headache", "Rash"));
            reports.add(4, cairo, doctor, "2026-03-08T10:00:00Z", false, List.of(List.of("S1", "S2")), List.of("Headache", "Dizziness"));
            reports.add(5, pharmacy, pharmacist, "2026-02-28T22:30:00Z", true, List.of(List.of("S4", "C1")), List.of("Rash"));
            reports.add(6, cairo, doctor, "2026-03-31T22:30:00Z", true, List.of(List.of("S1")), List.of("Headache"));
            reports.add(7, cairo, doctor, "2026-02-15T10:00:00Z", true, List.of(List.of("S1")), List.of("Headache"));
            reports.add(8, pharmacy, pharmacist, "2026-03-09T10:00:00Z", true,
                    List.of(List.of("S1"), List.of("S4")), List.of("Fever"), List.of("HEADACHE", "Fever"));
            c.createStatement().execute("""
                    INSERT INTO recalls (id, medicine_id, all_batches, recall_class, level, reason_en, reason_ar,
                                         instructions_en, instructions_ar, start_date, status) VALUES
                      ('c0000000-0000-0000-0000-000000000001', 'b0000000-0000-0000-0000-000000000004', true, 'II', 'retail',
                       'Label', 'ملصق', 'Return', 'أعد', DATE '2026-03-10', 'active'),
                      ('c0000000-0000-0000-0000-000000000002', 'b0000000-0000-0000-0000-000000000003', true, 'I', 'retail',
                       'Impurity', 'شوائب', 'Return', 'أعد', DATE '2026-02-10', 'active'),
                      ('c0000000-0000-0000-0000-000000000003', 'b0000000-0000-0000-0000-000000000001', true, 'III', 'retail',
                       'Colour', 'اللون', 'Return', 'أعد', DATE '2026-01-10', 'completed'),
                      ('c0000000-0000-0000-0000-000000000004', 'b0000000-0000-0000-0000-000000000004', true, 'I', 'retail',
                       'Draft', 'مسودة', 'Return', 'أعد', DATE '2026-03-12', 'draft');
                    INSERT INTO recall_steps (recall_id, status, at) VALUES
                      ('c0000000-0000-0000-0000-000000000001', 'draft', '2026-03-09T09:00:00Z'),
                      ('c0000000-0000-0000-0000-000000000001', 'active', '2026-03-10T09:00:00Z'),
                      ('c0000000-0000-0000-0000-000000000002', 'active', '2026-02-10T09:00:00Z'),
                      ('c0000000-0000-0000-0000-000000000003', 'active', '2026-01-10T09:00:00Z'),
                      ('c0000000-0000-0000-0000-000000000003', 'completed', '2026-03-20T09:00:00Z'),
                      ('c0000000-0000-0000-0000-000000000004', 'draft', '2026-03-12T09:00:00Z');
                    INSERT INTO signal_runs (id, as_of, partitions, started_at, status, completed_at) VALUES
                      (901, '2026-03-01T00:00:00Z', 1, '2026-03-01T00:00:00Z', 'completed', '2026-03-01T00:01:00Z'),
                      (902, '2026-04-01T00:00:00Z', 1, '2026-04-01T00:00:00Z', 'completed', '2026-04-01T00:01:00Z');
                    INSERT INTO signal_results (run_id, part, ingredient_id, reaction_key, reaction, a, b, c, d,
                                                signal_evans, signal_ror_ic, signal, is_new) VALUES
                      (901, 0, 'a0000000-0000-0000-0000-000000000001', 'nausea', 'Nausea', 3, 1, 0, 10, true, true, true, true),
                      (902, 0, 'a0000000-0000-0000-0000-000000000001', 'headache', 'Headache', 4, 0, 2, 10, true, true, true, true),
                      (902, 0, 'a0000000-0000-0000-0000-000000000001', 'rash', 'Rash', 2, 2, 1, 10, false, false, false, false);
                    """);
        }
        var dataSource = APP.database().dataSource();
        engine = new BatchEngine(dataSource, Clock.systemUTC(), APP.getConfiguration().home().resolve("batch"),
                new BatchSettings("safety-summary-it", Duration.ofMillis(200), Duration.ofSeconds(1), 1, 1),
                BatchJobCatalog.definitions(dataSource, APP.getConfiguration()).stream()
                        .filter(d -> d.name().equals(SafetySummaryJob.NAME)).toList());
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @Order(1)
    void theEngineWritesTheMonthInEnglishAndArabicWithTheHandCountedFigures() throws Exception {
        JobRun run = engine.runToEnd(SafetySummaryJob.NAME, Map.of("month", MONTH));

        assertThat(run.status()).as(String.valueOf(run.errors())).isEqualTo("COMPLETED");
        Path english = directory.resolve("safety-summary-2026-03-en.pdf");
        Path arabic = directory.resolve("safety-summary-2026-03-ar.pdf");
        englishSize = Files.size(english);
        arabicSize = Files.size(arabic);
        assertThat(run.results()).containsEntry("month", MONTH).containsEntry("groupBy", "ingredient")
                .containsEntry("rows", "3").containsEntry("fileEn", "safety-summary-2026-03-en.pdf")
                .containsEntry("fileAr", "safety-summary-2026-03-ar.pdf")
                .containsEntry("sizeBytesEn", String.valueOf(englishSize))
                .containsEntry("sizeBytesAr", String.valueOf(arabicSize));

        String text = ReportFiles.flat(ReportFiles.pdfText(Files.readAllBytes(english), 1));
        englishText = withoutTimes(text);
        // name, Arabic name, reports, serious, serious %, top reactions, signals, signal reactions, recalls
        assertThat(text).contains(ReportFiles.flat("Monthly safety summary"))
                .contains(ReportFiles.flat("riskamine ريسكامين 4 3 75.0 Headache (3); Rash (2); Dizziness (1) 0 0 1 I"))
                .contains(ReportFiles.flat("safetol سيفتول 4 2 50.0 Headache (4); Rash (2); Dizziness (1) 1 Headache 0 0"))
                .contains(ReportFiles.flat("quietine كوايتين 0 0 0 1 1 II"))
                .doesNotContain("Nausea (1)").doesNotContain("Fever (1)");
        assertThat(text.indexOf("riskamine")).as("most reports first, then most serious")
                .isLessThan(text.indexOf("safetol")).isLessThan(text.indexOf("quietine"));

        String arabicText = ReportFiles.pdfText(Files.readAllBytes(arabic), 1);
        assertThat(arabicText).as("the title, word by word").contains("الملخص الشهري للسلامة الدوائية");
        assertThat(ReportFiles.flat(arabicText)).contains(ReportFiles.flat("التقارير الواردة"))
                .contains(ReportFiles.flat("ريسكامين riskamine")).contains(ReportFiles.flat("75.0"));
    }

    @Test
    @Order(2)
    void theOfficersAreToldInEnglishAndArabic() throws Exception {
        String officer = Demo.OFFICER.login(http);

        JsonNode english = find(http.getAs(officer, "/api/v2/notifications").json().get("data"));
        JsonNode arabic = find(http.send(http.request("/api/v2/notifications", "Authorization", Http.bearer(officer),
                "Accept-Language", "ar").GET()).json().get("data"));

        assertThat(english.get("title").asText()).isEqualTo("Safety summary of 2026-03 is ready");
        assertThat(english.get("body").asText()).contains("3 rows").contains("/api/v2/safety-summaries/2026-03/en");
        assertThat(arabic.get("title").asText()).contains("الملخص الشهري للسلامة الدوائية لشهر 2026-03 جاهز");
        assertThat(APP.count("SELECT count(*) FROM notifications n JOIN memberships m USING (user_id, tenant_id) "
                + "WHERE n.kind = 'safety_summary.ready' AND m.role <> 'eda_officer'")).as("officers only").isZero();
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'safety_summary.written'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aRerunOverTheApiReplacesTheMonthsFiles() throws Exception {
        Instant firstWritten = Files.getLastModifiedTime(directory.resolve("safety-summary-2026-03-en.pdf")).toInstant();

        JsonNode run = runOverApi(Map.of("month", MONTH));

        assertThat(run.at("/results/rows").asText()).isEqualTo("3");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .as("the same two files, no temporary ones left")
                    .containsExactly("safety-summary-2026-03-ar.pdf", "safety-summary-2026-03-en.pdf");
        }
        Path english = directory.resolve("safety-summary-2026-03-en.pdf");
        assertThat(Files.getLastModifiedTime(english).toInstant()).isAfterOrEqualTo(firstWritten);
        assertThat(withoutTimes(ReportFiles.flat(ReportFiles.pdfText(Files.readAllBytes(english), 1))))
                .as("the same content; only the generation time differs").isEqualTo(englishText);
        assertThat(Files.size(english)).isBetween(englishSize * 98 / 100, englishSize * 102 / 100);
        assertThat(Files.size(directory.resolve("safety-summary-2026-03-ar.pdf")))
                .isBetween(arabicSize * 98 / 100, arabicSize * 102 / 100);
        assertThat(APP.count("SELECT count(*) FROM notifications WHERE kind = 'safety_summary.ready'"))
                .as("each officer told once per run").isEqualTo(2 * officers());
    }

    @Test
    @Order(4)
    void byMedicineTheRowsAreTheSuspectMedicinesAndTheFileIsItsOwn() throws Exception {
        JsonNode run = runOverApi(Map.of("month", MONTH, "groupBy", "medicine"));

        assertThat(run.at("/results/fileEn").asText()).isEqualTo("safety-summary-2026-03-medicine-en.pdf");
        String text = ReportFiles.flat(ReportFiles.pdfText(
                Files.readAllBytes(directory.resolve("safety-summary-2026-03-medicine-en.pdf")), 1));
        // Safetab: E1, E2, E4 (E5 names it as concomitant, E8 no longer names it); one serious
        assertThat(text).contains(ReportFiles.flat("Safetab 500 mg سيفتاب 3 1 33.3 Headache (3); Dizziness (1); Nausea (1) 1 Headache"))
                .contains(ReportFiles.flat("Riskol 10 mg ريسكول 2 2 100.0 Fever (1); HEADACHE (1); Rash (1) 0 0 1 I"));
        assertThat(Files.exists(directory.resolve("safety-summary-2026-03-en.pdf"))).as("the ingredient summary stays").isTrue();
    }

    @Test
    @Order(5)
    void wrongJobParametersAreNamed() {
        Http.Response bad = http.postAs(Demo.SUPER_ADMIN.login(http), "/api/v2/batch/jobs/safety-summary/runs",
                "{\"parameters\":{\"month\":\"2026-13\"}}");

        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("parameters.month");
    }

    @Test
    @Order(6)
    void theRegulatorListsAndDownloadsTheSummariesAudited() throws Exception {
        String officer = Demo.OFFICER.login(http);

        Http.Response list = http.getAs(officer, "/api/v2/safety-summaries");

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        list.json().get("data").forEach(s -> listed.add(s.get("month").asText() + " " + s.get("groupBy").asText()
                + " " + s.get("language").asText()));
        assertThat(listed).containsExactly("2026-03 ingredient en", "2026-03 ingredient ar", "2026-03 medicine en",
                "2026-03 medicine ar");
        assertThat(list.json().at("/meta/total").asLong()).isEqualTo(4);
        JsonNode first = list.json().at("/data/0");
        assertThat(first.get("sizeBytes").asLong()).isEqualTo(Files.size(directory.resolve("safety-summary-2026-03-en.pdf")));
        assertThat(Instant.parse(first.get("generatedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.get("downloadUrl").asText()).isEqualTo("/api/v2/safety-summaries/2026-03/en");
        assertThat(list.json().at("/data/2/downloadUrl").asText()).isEqualTo("/api/v2/safety-summaries/2026-03/en?groupBy=medicine");

        HttpResponse<byte[]> file = download(officer, "/api/v2/safety-summaries/2026-03/ar");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"safety-summary-2026-03-ar.pdf\"; filename*=UTF-8''");
        assertThat(file.body()).isEqualTo(Files.readAllBytes(directory.resolve("safety-summary-2026-03-ar.pdf")));
        assertThat(APP.count("SELECT count(*) FROM audit_log WHERE action = 'safety_summary.downloaded' "
                + "AND entity_id = 'safety-summary-2026-03-ar.pdf'")).isEqualTo(1);
        assertThat(download(officer, "/api/v2/safety-summaries/2026-03/en?groupBy=medicine").body())
                .isEqualTo(Files.readAllBytes(directory.resolve("safety-summary-2026-03-medicine-en.pdf")));
    }

    @Test
    @Order(7)
    void aTenantIsRefusedAMissingMonthIsNotFoundAndBadValuesAreNamed() {
        String tenantAdmin = Demo.CAIRO_ADMIN.login(http);
        String officer = Demo.OFFICER.login(http);

        for (String path : List.of("/api/v2/safety-summaries", "/api/v2/safety-summaries/2026-03/en")) {
            Http.Response refused = http.getAs(tenantAdmin, path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/v2/safety-summaries").status()).isEqualTo(401);
        Http.Response missing = http.getAs(officer, "/api/v2/safety-summaries/2026-01/en");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertProblem(http.getAs(officer, "/api/v2/safety-summaries/2026-13/en"), "month");
        assertProblem(http.getAs(officer, "/api/v2/safety-summaries/March/en"), "month");
        assertProblem(http.getAs(officer, "/api/v2/safety-summaries/2026-03/fr"), "language");
        assertProblem(http.getAs(officer, "/api/v2/safety-summaries/2026-03/en?groupBy=atc"), "groupBy");
    }

    @Test
    @Order(8)
    void requestedAsAReportATenantGetsItsOwnReportsAndTheNameFilterNarrows() throws Exception {
        String tenantAdmin = Demo.CAIRO_ADMIN.login(http);
        String officer = Demo.OFFICER.login(http);

        List<String> cairo = csvRows(tenantAdmin, "{\"month\":\"2026-03\"}");
        List<String> risk = csvRows(officer, "{\"month\":\"2026-03\",\"name\":\"RISK\"}");

        // Cairo reported E1–E4: no pharmacy reports, no recall-only rows, no national signals
        assertThat(cairo).containsExactly(
                "safetol,سيفتول,4,2,50.0,Headache (4); Rash (2); Dizziness (1),,,0,0,",
                "riskamine,ريسكامين,2,1,50.0,Headache (2); Dizziness (1); Rash (1),,,0,1,I");
        assertThat(risk).containsExactly("riskamine,ريسكامين,4,3,75.0,Headache (3); Rash (2); Dizziness (1),0,,0,1,I");
    }

    // ---- helpers

    /** Starts the job through the batch API and follows it to its end. */
    private JsonNode runOverApi(Map<String, String> parameters) throws Exception {
        String admin = Demo.SUPER_ADMIN.login(http);
        Http.Response started = http.postAs(admin, "/api/v2/batch/jobs/safety-summary/runs",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("parameters", parameters)));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long id = started.json().at("/data/id").asLong();
        JsonNode run = null;
        for (int i = 0; i < 600; i++) {
            run = http.getAs(admin, "/api/v2/batch/jobs/safety-summary/runs/" + id).json().get("data");
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(run.get("status").asText())) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        return run;
    }

    /** The data rows of the safety-summary report as CSV, requested over the reports API. */
    private List<String> csvRows(String token, String params) throws Exception {
        Http.Response queued = http.postAs(token, "/api/v2/reports",
                "{\"type\":\"safety-summary\",\"format\":\"csv\",\"params\":" + params + "}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String id = queued.json().at("/data/id").asText();
        for (int i = 0; i < 600; i++) {
            String status = http.getAs(token, "/api/v2/reports/" + id).json().at("/data/status").asText();
            if (status.equals("completed") || status.equals("failed")) {
                assertThat(status).isEqualTo("completed");
                break;
            }
            Thread.sleep(50);
        }
        String csv = ReportFiles.csv(download(token, "/api/v2/reports/" + id + "/download").body());
        List<String> lines = List.of(csv.split("\r\n"));
        return lines.subList(1, lines.size());
    }

    private HttpResponse<byte[]> download(String token, String path) throws Exception {
        return BYTES.send(http.request(path, "Authorization", Http.bearer(token)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Text without the generation times (flattened: no spaces inside them either). */
    private static String withoutTimes(String flatText) {
        return flatText.replaceAll("\\d{4}-\\d{2}-\\d{2}\\d{2}:\\d{2}:\\d{2}", "");
    }

    private static void assertProblem(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo(field);
    }

    private static JsonNode find(JsonNode notifications) {
        for (JsonNode n : notifications) {
            if (n.get("kind").asText().equals("safety_summary.ready")) {
                return n;
            }
        }
        throw new AssertionError("no safety_summary.ready notification in " + notifications);
    }

    private static long officers() throws Exception {
        return APP.count("""
                SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id AND u.status = 'active'
                  JOIN tenants t ON t.id = m.tenant_id AND t.status = 'active' AND t.type = 'regulator'
                 WHERE m.role = 'eda_officer'""");
    }

    private static UUID id(Connection c, String sql) throws Exception {
        try (ResultSet rows = c.createStatement().executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getObject(1, UUID.class);
        }
    }

    /**
     * Inserts adverse-event reports as the service stores them: the case, its versions, their suspect (S1 = Safetab,
     * S2 = Safecombo, S4 = Riskol) and concomitant (C1 = Safetab) medicines with their ingredients, and reactions.
     */
    private record Reports(Connection c) {
        static final Map<String, String[]> MEDICINES = Map.of(
                "1", new String[]{"b0000000-0000-0000-0000-000000000001", "{a0000000-0000-0000-0000-000000000001}"},
                "2", new String[]{"b0000000-0000-0000-0000-000000000002",
                        "{a0000000-0000-0000-0000-000000000001,a0000000-0000-0000-0000-000000000002}"},
                "4", new String[]{"b0000000-0000-0000-0000-000000000003", "{a0000000-0000-0000-0000-000000000002}"});

        /** @param versions per version, the medicines; the reactions of each version follow in {@code reactions} */
        @SafeVarargs
        final void add(int n, UUID tenant, UUID reporter, String received, boolean serious, List<List<String>> versions,
                       List<String>... reactions) throws Exception {
            UUID event = UUID.fromString("e0000000-0000-0000-0000-00000000000" + n);
            Instant at = Instant.parse(received);
            int current = versions.size();
            execute("""
                    INSERT INTO adverse_events (id, tenant_id, case_number, reporter_id, reporter_name, reporter_role,
                                                current_version, serious, received_at, latest_info_at, due_at,
                                                created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'Reporter', 'physician', ?, ?, ?, ?, ?, ?, ?)""",
                    event, tenant, "SS-CASE-" + n, reporter, current, serious, ts(at), ts(at),
                    serious ? ts(at.plus(Duration.ofDays(15))) : null, ts(at), ts(at));
            for (int v = 1; v <= current; v++) {
                execute("""
                        INSERT INTO adverse_event_versions (event_id, version, tenant_id, received_at, submitted_by,
                                                            submitted_by_name, serious)
                        VALUES (?, ?, ?, ?, ?, 'Reporter', ?)""", event, v, tenant, ts(at), reporter, serious);
                int position = 0;
                for (String medicine : versions.get(v - 1)) {
                    String[] m = MEDICINES.get(medicine.substring(1));
                    execute("""
                            INSERT INTO adverse_event_drugs (id, event_id, version, tenant_id, position, role,
                                                             medicine_id, ingredient_ids)
                            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS uuid[]))""", UUID.randomUUID(), event, v, tenant,
                            ++position, medicine.startsWith("S") ? "suspect" : "concomitant", UUID.fromString(m[0]), m[1]);
                }
                List<String> terms = reactions[Math.min(v, reactions.length) - 1];
                for (int p = 0; p < terms.size(); p++) {
                    execute("""
                            INSERT INTO adverse_event_reactions (id, event_id, version, tenant_id, position, term)
                            VALUES (?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), event, v, tenant, p + 1, terms.get(p));
                }
            }
        }

        private void execute(String sql, Object... values) throws Exception {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.executeUpdate();
            }
        }

        private static java.sql.Timestamp ts(Instant instant) {
            return java.sql.Timestamp.from(instant);
        }
    }
}
