package ai.healthflow.report;

import ai.healthflow.batch.report.Bilingual;
import ai.healthflow.batch.report.ColumnType;
import ai.healthflow.batch.report.NamedSql;
import ai.healthflow.batch.report.ParameterValues;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportColumn;
import ai.healthflow.batch.report.ReportContext;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.batch.report.ReportFormat;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.batch.report.ReportQuery;
import ai.healthflow.batch.report.ReportQueryFailed;
import ai.healthflow.batch.report.ReportRenderer;
import ai.healthflow.testing.TestPostgres;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every shipped report definition against the fully migrated schema, with source rows for each: each query runs (as
 * the service's role, with row-level security, for every tenant and for one), returns the declared column types, and
 * renders its rows in every format and language, read back (XLSX with POI, PDF text with OpenPDF, CSV as text).
 */
class ReportDefinitionsIT {
    static final UUID CAIRO = UUID.fromString("10000000-0000-0000-0000-00000000c41a");
    static final UUID ALEX = UUID.fromString("10000000-0000-0000-0000-0000000a1e55");
    static final UUID GIZA = UUID.fromString("10000000-0000-0000-0000-00000000012a");
    static final ZoneId ZONE = ZoneId.of("Africa/Cairo");
    /** The reports' today (relative parameter defaults count from it) and the month the source rows fall in. */
    static final LocalDate TODAY = LocalDate.now(ZONE);
    static final YearMonth LAST_MONTH = YearMonth.from(TODAY).minusMonths(1);
    /** The day of the analytics facts. */
    static final LocalDate ANALYTICS_DAY = TODAY.minusDays(1);
    static PGSimpleDataSource dataSource;
    static ReportCatalog catalog;

    /** Whose rows a rendering reads: every tenant's (the regulator, tenant null), or one tenant's. */
    record Scope(String name, UUID tenant) {
    }

    static final List<Scope> SCOPES = List.of(new Scope("all", null), new Scope("cairo", CAIRO), new Scope("alex", ALEX));

    /**
     * What each shipped report shows of the fixture, per scope: a value of one of its data rows, which the PDF and
     * the CSV must show (short, so no PDF cell wraps it). A scope left out must see no rows at all: the Alexandria
     * pharmacy reported no adverse event, so neither the line listing nor the safety summary has a row for it.
     */
    static final Map<String, Map<String, String>> SEEN = Map.of(
            "adverse-events", Map.of("all", "Testamol", "cairo", "Testamol"),
            "audit-log", Map.of("all", "req-c41a", "cairo", "req-c41a", "alex", "req-a1e5"),
            "medicine-registry", Map.of("all", "EG-T1", "cairo", "EG-T1", "alex", "EG-T1"),
            "prescriptions-by-governorate", Map.of("all", LAST_MONTH.atDay(1).toString(),
                    "cairo", LAST_MONTH.atDay(1).toString(), "alex", LAST_MONTH.atDay(1).toString()),
            "recalls", Map.of("all", "EG-T1", "cairo", "EG-T1", "alex", "EG-T1"),
            "safety-summary", Map.of("all", "Paracetamol", "cairo", "Paracetamol"),
            "signals", Map.of("all", "Nausea", "cairo", "Nausea", "alex", "Nausea"),
            "system-analytics", Map.of("all", ANALYTICS_DAY.toString(), "cairo", ANALYTICS_DAY.toString(),
                    "alex", ANALYTICS_DAY.toString()));

    /** A Cairo wall-clock time on a day of last month, as a timestamptz literal. */
    static String lastMonth(int day, int hour, int minute) {
        return "TIMESTAMPTZ '" + LAST_MONTH.atDay(day).atTime(hour, minute).atZone(ZONE).toOffsetDateTime() + "'";
    }

    /**
     * At least one source row for every shipped report, written as the schema owner: tenants in two governorates
     * (a hospital and a pharmacy, plus a second Cairo-governorate hospital with analytics facts only), users, two
     * medicines with their ingredients, a recall with its steps and two acknowledgement tasks, last month a
     * prescription with two items, a finding overridden and a partial dispensing by the pharmacy, an adverse event
     * in two versions (a serious follow-up with a suspect and a concomitant medicine, reactions and causality), a
     * completed signal-detection run with a signal for paracetamol, yesterday's analytics facts, and audit records of
     * both tenants and of the platform.
     */
    @BeforeAll
    static void database() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        dataSource = database.dataSource();
        catalog = ReportCatalog.load();
        String sql = """
                INSERT INTO tenants (id, type, name_en, name_ar, governorate) VALUES
                  ('{cairo}', 'hospital', 'Cairo Test Hospital', 'مستشفى القاهرة', 'Cairo'),
                  ('{alex}', 'pharmacy', 'Alex Test Pharmacy', 'صيدلية الإسكندرية', 'Alexandria'),
                  ('{giza}', 'hospital', 'Giza Test Hospital', 'مستشفى الجيزة', 'Cairo');
                INSERT INTO users (id, email, display_name, password_hash) VALUES
                  ('60000000-0000-0000-0000-000000000001', 'amal@cairo.test', 'Dr Amal Hassan', 'x'),
                  ('60000000-0000-0000-0000-000000000002', 'omar@alex.test', 'Omar Farouk', 'x'),
                  ('60000000-0000-0000-0000-000000000003', 'officer@eda.test', 'EDA Officer', 'x');

                INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                                       strength, dosage_form, route, atc_code, manufacturer, gtin, price_egp, registered_on)
                VALUES ('20000000-0000-0000-0000-000000000001', 'EG-T1', 'Testamol', 'تستامول', 'paracetamol',
                        'باراسيتامول', '500 mg', 'tablet', 'oral', 'N02BE01', 'Pharco', '6221025000019', 12.5,
                        DATE '2024-03-01'),
                       ('20000000-0000-0000-0000-000000000002', 'EG-B2', 'Brufen', 'بروفين', 'ibuprofen', 'إيبوبروفين',
                        '400 mg', 'tablet', 'oral', 'M01AE01', 'Abbott', '6221025000026', 35.75, DATE '2023-06-20');
                INSERT INTO ingredients (id, name_en, name_ar) VALUES
                  ('50000000-0000-0000-0000-000000000001', 'Paracetamol', 'باراسيتامول'),
                  ('50000000-0000-0000-0000-000000000002', 'Ibuprofen', 'إيبوبروفين');
                INSERT INTO medicine_ingredients (medicine_id, ingredient_id, position) VALUES
                  ('20000000-0000-0000-0000-000000000001', '50000000-0000-0000-0000-000000000001', 0),
                  ('20000000-0000-0000-0000-000000000002', '50000000-0000-0000-0000-000000000002', 0);

                -- a class I recall of Testamol, activated last month; Cairo acknowledged it, Alexandria not yet
                INSERT INTO recalls (id, medicine_id, all_batches, recall_class, level, reason_en, reason_ar,
                                     instructions_en, instructions_ar, start_date, status, fanout_status,
                                     notified_tenants, notified_users, fanout_done_at, created_by)
                VALUES ('30000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', true, 'I',
                        'retail', 'Contamination', 'تلوث', 'Return', 'أعد', DATE '{recallStart}', 'active', 'done',
                        2, 2, {d10_0805}, '60000000-0000-0000-0000-000000000003');
                INSERT INTO recall_steps (recall_id, status, actor_id, actor_email, at) VALUES
                  ('30000000-0000-0000-0000-000000000001', 'draft', '60000000-0000-0000-0000-000000000003',
                   'officer@eda.test', {d9_1400}),
                  ('30000000-0000-0000-0000-000000000001', 'active', '60000000-0000-0000-0000-000000000003',
                   'officer@eda.test', {d10_0800});
                INSERT INTO recall_acknowledgements (recall_id, tenant_id, status, quantity_quarantined, quantity_returned,
                                                     acknowledged_by, acknowledged_at, created_at)
                VALUES ('30000000-0000-0000-0000-000000000001', '{cairo}', 'acknowledged', 5, 2,
                        '60000000-0000-0000-0000-000000000001', {d11_1200}, {d10_0805}),
                       ('30000000-0000-0000-0000-000000000001', '{alex}', 'pending', NULL, NULL, NULL, NULL, {d10_0805});

                -- Cairo prescribes Testamol and Brufen (an interaction overridden); the Alexandria pharmacy hands
                -- over the Testamol
                INSERT INTO patients (id, tenant_id, national_id, name_en, name_ar, date_of_birth, sex, governorate,
                                      search_text, created_by)
                VALUES ('70000000-0000-0000-0000-000000000001', '{cairo}', '29001011234567', 'Nour Ali', 'نور علي',
                        DATE '1990-01-01', 'female', 'Cairo', 'nour ali نور علي 29001011234567',
                        '60000000-0000-0000-0000-000000000001');
                INSERT INTO prescriptions (id, code, tenant_id, patient_id, prescriber_id, allow_substitution, status,
                                           issued_at, expires_at, updated_at)
                VALUES ('80000000-0000-0000-0000-000000000001', '7K2M-9QXD', '{cairo}',
                        '70000000-0000-0000-0000-000000000001', '60000000-0000-0000-0000-000000000001', true,
                        'partially_dispensed', {d14_0930}, {d14_0930} + interval '30 days', {d14_1800});
                INSERT INTO prescription_items (id, prescription_id, position, medicine_id, dose, frequency,
                                                duration_days, quantity, quantity_dispensed)
                VALUES ('81000000-0000-0000-0000-000000000001', '80000000-0000-0000-0000-000000000001', 0,
                        '20000000-0000-0000-0000-000000000001', '1 tablet', 'every 8 hours', 5, 20, 20),
                       ('81000000-0000-0000-0000-000000000002', '80000000-0000-0000-0000-000000000001', 1,
                        '20000000-0000-0000-0000-000000000002', '1 tablet', 'twice daily', 5, 10, 0);
                INSERT INTO prescription_findings (prescription_id, finding_key, kind, severity, medicines, ingredients,
                                                   description_en, override_reason)
                VALUES ('80000000-0000-0000-0000-000000000001', 'interaction:ibuprofen+paracetamol', 'interaction',
                        'minor', ARRAY['20000000-0000-0000-0000-000000000001',
                                       '20000000-0000-0000-0000-000000000002']::uuid[],
                        ARRAY['paracetamol', 'ibuprofen'], 'Both relieve pain', 'Short course, monitored');
                INSERT INTO dispensings (id, prescription_id, tenant_id, pharmacist_id, dispensed_at)
                VALUES ('82000000-0000-0000-0000-000000000001', '80000000-0000-0000-0000-000000000001', '{alex}',
                        '60000000-0000-0000-0000-000000000002', {d14_1800});
                INSERT INTO dispensing_items (dispensing_id, item_id, medicine_id, quantity, batch_number, substituted)
                VALUES ('82000000-0000-0000-0000-000000000001', '81000000-0000-0000-0000-000000000001',
                        '20000000-0000-0000-0000-000000000001', 20, 'B2411', false);

                -- Cairo reports nausea on Testamol; a follow-up two days later makes the case serious
                -- (hospitalisation), adds vomiting and Brufen as a concomitant; the regulator assesses it
                INSERT INTO adverse_events (id, tenant_id, case_number, reporter_id, reporter_name, reporter_role,
                                            status, current_version, serious, received_at, latest_info_at, due_at,
                                            created_at, updated_at)
                VALUES ('40000000-0000-0000-0000-000000000001', '{cairo}', 'AE-{year}-000001',
                        '60000000-0000-0000-0000-000000000001', 'Dr Amal Hassan', 'doctor', 'assessed', 2, true,
                        {d15_1000}, {d17_1100}, {d17_1100} + interval '15 days', {d15_1000}, {d20_0900});
                INSERT INTO adverse_event_versions (event_id, version, tenant_id, received_at, submitted_by,
                                                    submitted_by_name, patient_initials, patient_age_years,
                                                    patient_age_group, patient_sex, patient_weight_kg, serious,
                                                    seriousness_criteria, narrative)
                VALUES ('40000000-0000-0000-0000-000000000001', 1, '{cairo}', {d15_1000},
                        '60000000-0000-0000-0000-000000000001', 'Dr Amal Hassan', 'NA', 34, 'adult', 'female', 62.5,
                        false, '{}', 'Nausea after the second dose.'),
                       ('40000000-0000-0000-0000-000000000001', 2, '{cairo}', {d17_1100},
                        '60000000-0000-0000-0000-000000000001', 'Dr Amal Hassan', 'NA', 34, 'adult', 'female', 62.5,
                        true, ARRAY['hospitalisation'], 'Admitted for persistent vomiting.');
                INSERT INTO adverse_event_drugs (id, event_id, version, tenant_id, position, role, medicine_id,
                                                 ingredient_ids, batch_number, dose, route, start_date)
                VALUES ('41000000-0000-0000-0000-000000000001', '40000000-0000-0000-0000-000000000001', 1, '{cairo}',
                        0, 'suspect', '20000000-0000-0000-0000-000000000001',
                        ARRAY['50000000-0000-0000-0000-000000000001']::uuid[], 'B2411', '500 mg', 'oral', DATE '{d14}'),
                       ('41000000-0000-0000-0000-000000000002', '40000000-0000-0000-0000-000000000001', 2, '{cairo}',
                        0, 'suspect', '20000000-0000-0000-0000-000000000001',
                        ARRAY['50000000-0000-0000-0000-000000000001']::uuid[], 'B2411', '500 mg', 'oral', DATE '{d14}'),
                       ('41000000-0000-0000-0000-000000000003', '40000000-0000-0000-0000-000000000001', 2, '{cairo}',
                        1, 'concomitant', '20000000-0000-0000-0000-000000000002',
                        ARRAY['50000000-0000-0000-0000-000000000002']::uuid[], NULL, '400 mg', 'oral', DATE '{d14}');
                INSERT INTO adverse_event_reactions (id, event_id, version, tenant_id, position, term, meddra_code,
                                                     onset_date, outcome)
                VALUES ('42000000-0000-0000-0000-000000000001', '40000000-0000-0000-0000-000000000001', 1, '{cairo}',
                        0, 'Nausea', '10028813', DATE '{d15}', 'recovering'),
                       ('42000000-0000-0000-0000-000000000002', '40000000-0000-0000-0000-000000000001', 2, '{cairo}',
                        0, 'Nausea', '10028813', DATE '{d15}', 'recovered'),
                       ('42000000-0000-0000-0000-000000000003', '40000000-0000-0000-0000-000000000001', 2, '{cairo}',
                        1, 'Vomiting', '10047700', DATE '{d16}', 'recovered');
                INSERT INTO adverse_event_causality (event_id, medicine_id, tenant_id, who_umc, naranjo_score,
                                                     assessed_by, assessed_by_name, assessed_at)
                VALUES ('40000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', '{cairo}',
                        'probable', 6, '60000000-0000-0000-0000-000000000003', 'EDA Officer', {d20_0900});

                -- the latest completed signal-detection run flags paracetamol and nausea
                INSERT INTO signal_runs (id, as_of, status, partitions, started_at, completed_at, reports, pairs,
                                         signals, new_signals)
                VALUES (1, {d20_0200}, 'completed', 1, {d20_0200}, {d20_0205}, 2058, 412, 1, 1);
                INSERT INTO signal_results (run_id, part, ingredient_id, reaction_key, reaction, a, b, c, d, prr,
                                            prr_lower95, prr_upper95, ror, ror_lower95, ror_upper95, chi_square, ic,
                                            ic025, signal_evans, signal_ror_ic, signal, is_new)
                VALUES (1, 0, '50000000-0000-0000-0000-000000000001', 'nausea', 'Nausea', 3, 12, 40, 2003,
                        10.2, 3.614, 28.79, 12.519, 3.402, 46.07, 18.73, 2.084, 0.512, true, true, true, true);

                -- yesterday's facts of the analytics-daily job
                INSERT INTO analytics_daily_tenant
                SELECT DATE '{analyticsDay}', t.id, t.gov, t.n, t.n - 1, 3 * t.n, 30 * t.n, 2 * t.n, 20 * t.n, t.n,
                       2 * t.n, 7 * t.n, 1, t.n, 1, 0, 1, 0, 0, 0, 0, 2, 1, 4
                  FROM (VALUES ('{cairo}'::uuid, 'Cairo', 10), ('{giza}'::uuid, 'Cairo', 5),
                               ('{alex}'::uuid, 'Alexandria', 2)) AS t (id, gov, n);

                -- audit records: the platform's (no tenant), then Cairo's and Alexandria's (written as AuditLog
                -- does, the chain's hashes aside: nothing here verifies them)
                INSERT INTO audit_log (id, occurred_at, actor_id, actor_email, tenant_id, action, entity_type, entity_id,
                                       changes, request_id, ip, user_agent, prev_hash, hash)
                VALUES (nextval('audit_log_id_seq'), now() - interval '3 hours', NULL, 'nobody@example.test', NULL,
                        'auth.login_failed', 'user', NULL, '{"email":"nobody@example.test"}', 'req-0001',
                        '197.32.1.9', 'curl/8', 'genesis', 'h1'),
                       (nextval('audit_log_id_seq'), now() - interval '2 hours', '60000000-0000-0000-0000-000000000001',
                        'amal@cairo.test', '{cairo}', 'prescriptions.create', 'prescription',
                        '80000000-0000-0000-0000-000000000001', '{"code":"7K2M-9QXD","items":2}', 'req-c41a',
                        '41.33.12.7', 'Mozilla/5.0', 'h1', 'h2'),
                       (nextval('audit_log_id_seq'), now() - interval '1 hour', '60000000-0000-0000-0000-000000000002',
                        'omar@alex.test', '{alex}', 'dispensing.create', 'dispensing',
                        '82000000-0000-0000-0000-000000000001', '{"units":20}', 'req-a1e5', '156.204.3.8',
                        'Mozilla/5.0', 'h2', 'h3');
                UPDATE audit_chain SET last_id = currval('audit_log_id_seq'), last_hash = 'h3' WHERE id = 1;
                """;
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("cairo", CAIRO.toString());
        values.put("alex", ALEX.toString());
        values.put("giza", GIZA.toString());
        values.put("year", Integer.toString(LAST_MONTH.getYear()));
        values.put("recallStart", LAST_MONTH.atDay(10).toString());
        values.put("analyticsDay", ANALYTICS_DAY.toString());
        for (int day : new int[]{14, 15, 16}) {
            values.put("d" + day, LAST_MONTH.atDay(day).toString());
        }
        for (String time : List.of("9_1400", "10_0800", "10_0805", "11_1200", "14_0930", "14_1800", "15_1000",
                "17_1100", "20_0200", "20_0205", "20_0900")) {
            int day = Integer.parseInt(time.substring(0, time.indexOf('_')));
            String hhmm = time.substring(time.indexOf('_') + 1);
            values.put("d" + time,
                    lastMonth(day, Integer.parseInt(hhmm.substring(0, 2)), Integer.parseInt(hhmm.substring(2))));
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            sql = sql.replace("{" + value.getKey() + "}", value.getValue());
        }
        assertThat(sql).as("every placeholder filled").doesNotContainPattern("\\{[a-zA-Z0-9_]+\\}");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    @Test
    void everyShippedReportShowsItsRowsInEveryFormatLanguageAndScopeWithTheDeclaredTypes() throws Exception {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(7);
        List<String> rendered = new ArrayList<>();
        for (ReportDefinition definition : catalog.all()) {
            Map<String, String> seen = SEEN.get(definition.id());
            assertThat(seen).as(definition.id() + ": seed its rows in the fixture, say in SEEN what it shows")
                    .isNotNull();
            ParameterValues values = ParameterValues.resolve(definition, Map.of(), TODAY);
            Map<String, String> sqlTypes = sqlTypes(definition);
            for (Scope scope : SCOPES) {
                String value = seen.get(scope.name()); // null: this scope sees no rows
                for (ReportFormat format : definition.formats()) {
                    for (ReportLanguage language : ReportLanguage.values()) {
                        String what = definition.id() + " " + format + " " + language + " scope " + scope.name();
                        byte[] file = render(definition, values, scope.tenant(), format, language);
                        assertThat(file).as(what).isNotEmpty();
                        if (format == ReportFormat.XLSX) {
                            try (XSSFWorkbook workbook = ReportFiles.xlsx(file)) {
                                XSSFSheet data = workbook.getSheetAt(1);
                                assertThat(ReportFiles.row(data, 0)).as(what).containsExactlyElementsOf(
                                        definition.columns().stream().map(c -> c.header().in(language)).toList());
                                if (value == null) {
                                    assertThat(data.getLastRowNum()).as(what + ": data rows").isZero();
                                } else {
                                    assertThat(data.getLastRowNum()).as(what + ": data rows").isGreaterThanOrEqualTo(1);
                                    assertTypedCells(definition, sqlTypes, data.getRow(1), scope.tenant() == null, what);
                                }
                            }
                        } else if (format == ReportFormat.PDF) {
                            String text = ReportFiles.flat(pdfText(file));
                            // without its full stop, which an Arabic line read back puts first
                            String noRows = ReportFiles.flat(new ReportContext(definition, language, values,
                                    Instant.now(), ZONE, null, 0).word(ReportContext.Word.NO_ROWS)).replace(".", "");
                            assertThat(text).as(what).contains(ReportFiles.flat(definition.title().in(language)));
                            if (value == null) {
                                assertThat(text).as(what).contains(noRows);
                            } else {
                                assertThat(text).as(what).contains(ReportFiles.flat(value)).doesNotContain(noRows);
                            }
                        } else {
                            String csv = ReportFiles.csv(file);
                            assertThat(csv).as(what).startsWith(String.join(",",
                                    definition.columns().stream().map(c -> c.header().in(language)).toList()) + "\r\n");
                            if (value == null) {
                                assertThat(csv.split("\r\n")).as(what + ": lines").hasSize(1);
                            } else {
                                assertThat(csv.split("\r\n").length).as(what + ": lines").isGreaterThan(1);
                                assertThat(csv).as(what).contains(value);
                            }
                        }
                        rendered.add(definition.id());
                    }
                }
            }
        }
        assertThat(rendered).containsAll(catalog.all().stream().map(ReportDefinition::id).toList());
    }

    /**
     * Each cell of a data row is typed after what the query returns, whatever the definition declares (a column
     * declared text passes the query's type check whatever it holds, and a date column takes a timestamp): numbers as
     * numbers without a date format (an integer column's whole), dates and timestamps as date-formatted numbers (a
     * timestamp's format showing the time), booleans as booleans, text as text. In the all-tenants scope the fixture
     * fills every column of the first row, so none may be missing there.
     */
    static void assertTypedCells(ReportDefinition definition, Map<String, String> sqlTypes, XSSFRow row,
                                 boolean complete, String what) {
        List<ReportColumn> columns = definition.columns();
        int typed = 0;
        for (int i = 0; i < columns.size(); i++) {
            ReportColumn column = columns.get(i);
            String sqlType = sqlTypes.get(column.field());
            XSSFCell cell = row.getCell(i);
            String where = what + ": first row, column " + column.field() + " (declared " + column.type().code()
                    + ", the query returns " + sqlType + ")";
            if (cell == null) {
                assertThat(complete).as(where + " is empty, though the fixture fills it").isFalse();
                continue;
            }
            switch (sqlType) {
                case "int2", "int4", "int8", "numeric", "float4", "float8" -> {
                    assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                    assertThat(DateUtil.isCellDateFormatted(cell)).as(where + " formatted as a date").isFalse();
                    if (column.type() == ColumnType.INTEGER) {
                        assertThat(cell.getNumericCellValue() % 1).as(where + " a whole number").isZero();
                    }
                    typed++;
                }
                case "date", "timestamp", "timestamptz" -> {
                    assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
                    assertThat(DateUtil.isCellDateFormatted(cell)).as(where + " formatted as a date").isTrue();
                    assertThat(cell.getCellStyle().getDataFormatString().contains("hh")).as(where + " shows the time")
                            .isEqualTo(!sqlType.equals("date"));
                    typed++;
                }
                case "bool" -> {
                    assertThat(cell.getCellType()).as(where).isEqualTo(CellType.BOOLEAN);
                    typed++;
                }
                default -> assertThat(cell.getCellType()).as(where).isEqualTo(CellType.STRING);
            }
        }
        if (sqlTypes.values().stream().anyMatch(t -> !t.equals("text"))) {
            assertThat(typed).as(what + ": typed cells in the first row").isPositive();
        }
    }

    /** The type the definition's query returns for each column, from the database (parameters all null). */
    static Map<String, String> sqlTypes(ReportDefinition definition) throws Exception {
        NamedSql named = NamedSql.parse("SELECT * FROM (\n" + definition.sql() + "\n) AS report LIMIT 0");
        Map<String, String> types = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement(named.jdbc())) {
            for (int i = 1; i <= named.positions().size(); i++) {
                statement.setNull(i, Types.OTHER);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    types.put(meta.getColumnLabel(i), meta.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        assertThat(types).as(definition.id()).containsKeys(
                definition.columns().stream().map(ReportColumn::field).toArray(String[]::new));
        return types;
    }

    static String pdfText(byte[] file) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= ReportFiles.pdfPages(file); page++) {
            text.append(ReportFiles.pdfText(file, page)).append('\n');
        }
        return text.toString();
    }

    @Test
    void anArabicAdverseEventListingShowsItsCodesInArabic() throws Exception {
        ReportDefinition listing = catalog.find("adverse-events").orElseThrow();
        ParameterValues values = ParameterValues.resolve(listing, Map.of(), LocalDate.now(ZoneId.of("Africa/Cairo")));

        String arabic = ReportFiles.csv(render(listing, values, null, ReportFormat.CSV, ReportLanguage.AR));
        String english = ReportFiles.csv(render(listing, values, null, ReportFormat.CSV, ReportLanguage.EN));

        // seriousness criteria, age group, outcomes (a list the query joins), causality, reporter role, governorate,
        // and the reporting organisation's Arabic name beside its English one
        assertThat(arabic).contains("دخول المستشفى", "بالغ", "تعافى", "مرجحة", "طبيب", "القاهرة", "مستشفى القاهرة")
                .doesNotContain("hospitalisation", "adult", "recovered", "probable", "doctor");
        assertThat(english).contains("Hospitalisation", "Adult", "Recovered", "Probable", "Doctor");
    }

    @Test
    void systemAnalyticsAddsUpTheDailyFactsPerDayAndGovernorateWithinTheCallersScope() throws Exception {
        LocalDate day = ANALYTICS_DAY;
        ReportDefinition analytics = catalog.find("system-analytics").orElseThrow();
        ParameterValues values = ParameterValues.resolve(analytics, Map.of(), LocalDate.now(ZoneId.of("Africa/Cairo")));

        String country = ReportFiles.csv(render(analytics, values, null, ReportFormat.CSV, ReportLanguage.EN));
        String cairo = ReportFiles.csv(render(analytics, values, CAIRO, ReportFormat.CSV, ReportLanguage.EN));

        // day, governorate, tenants, prescriptions, dispensed, items, dispensings, units, substitutions,
        // adverse events, serious, recall notices, acknowledgements, active users
        assertThat(country.split("\r\n")).containsExactly(country.split("\r\n")[0],
                day + ",Alexandria,1,2,1,6,2,14,1,2,1,2,1,4",
                day + ",Cairo,2,15,13,45,15,105,2,15,2,4,2,8");
        assertThat(cairo.split("\r\n")).containsExactly(cairo.split("\r\n")[0],
                day + ",Cairo,1,10,9,30,10,70,1,10,1,2,1,4");
    }

    @Test
    void theTenantClauseShowsATenantItsOwnRowsOnly() throws Exception {
        ReportDefinition recalls = catalog.find("recalls").orElseThrow();
        ParameterValues values = ParameterValues.resolve(recalls, Map.of(), LocalDate.now());

        String all = ReportFiles.csv(render(recalls, values, null, ReportFormat.CSV, ReportLanguage.EN));
        String cairo = ReportFiles.csv(render(recalls, values, CAIRO, ReportFormat.CSV, ReportLanguage.EN));

        // start date, reg no, names, class, level, status, batches, reasons, then tenants, acknowledged, pending, %
        assertThat(all.split("\r\n")[1]).contains(",Contamination,تلوث,2,1,1,50.0,5,2,");
        assertThat(cairo.split("\r\n")[1]).contains(",Contamination,تلوث,1,1,0,100.0,5,2,");
    }

    @Test
    void rowLevelSecurityIsASecondWallWhenAQueryForgetsItsTenant() throws Exception {
        // a definition whose tenant clause lets everything through: the service's role still sees one tenant
        String leaky = """
                id: leaky
                title: { en: Leaky, ar: تسريب }
                permission: reports:read
                scope: tenant
                source:
                  sql: SELECT tenant_id::text AS tenant FROM recall_acknowledgements WHERE CAST(:tenantId AS uuid) IS NULL OR true
                columns:
                  - { field: tenant, type: text, header: { en: Tenant, ar: الجهة } }
                formats: [csv]
                """;
        ReportDefinition definition = ReportCatalog.fromSources(Map.of("leaky.yml", leaky)).find("leaky").orElseThrow();
        ParameterValues none = ParameterValues.resolve(definition, Map.of(), LocalDate.now());

        String asOwner = ReportFiles.csv(render(definition, none, CAIRO, ReportFormat.CSV, ReportLanguage.EN, null));
        String asService = ReportFiles.csv(render(definition, none, CAIRO, ReportFormat.CSV, ReportLanguage.EN, "healthflow_app"));

        assertThat(asOwner.split("\r\n")).hasSize(3).contains(ALEX.toString());
        assertThat(asService.split("\r\n")).containsExactly("Tenant", CAIRO.toString());
    }

    @Test
    void aColumnWhoseTypeDoesNotMatchTheQueryIsAClearError() {
        String wrong = """
                id: wrong
                title: { en: Wrong, ar: خطأ }
                permission: reports:read
                scope: global
                source:
                  sql: SELECT trade_name_en FROM medicines
                columns:
                  - { field: trade_name_en, type: integer, header: { en: Name, ar: الاسم } }
                formats: [csv]
                """;
        ReportDefinition definition = ReportCatalog.fromSources(Map.of("wrong.yml", wrong)).find("wrong").orElseThrow();
        ParameterValues none = ParameterValues.resolve(definition, Map.of(), LocalDate.now());

        assertThatThrownBy(() -> render(definition, none, null, ReportFormat.CSV, ReportLanguage.EN))
                .isInstanceOf(ReportQueryFailed.class)
                .hasMessage("wrong.yml: column trade_name_en is declared integer but the query returns text");
    }

    static ReportDefinition numbers(String sql) {
        return ReportCatalog.fromSources(Map.of("numbers.yml", """
                id: numbers
                title: { en: Numbers, ar: أرقام }
                permission: reports:read
                scope: global
                source:
                  sql: %s
                columns:
                  - { field: n, type: integer, header: { en: N, ar: العدد } }
                formats: [csv]
                """.formatted(sql))).find("numbers").orElseThrow();
    }

    @Test
    void aRendererThatFailsStopsTheQueryAndTheConnectionIsFreed() throws Exception {
        ReportDefinition million = numbers("SELECT g AS n FROM generate_series(1, 5000000) g");
        ParameterValues none = ParameterValues.resolve(million, Map.of(), LocalDate.now());
        long[] seen = {0};

        try (ReportQuery query = ReportQuery.open(dataSource, million, none, null, ZoneId.of("UTC"), null)) {
            assertThatThrownBy(() -> query.rows().forEach(row -> {
                if (++seen[0] == 10) {
                    throw new java.io.IOException("disk full");
                }
            })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
        }

        assertThat(seen[0]).isEqualTo(10);
        try (Connection c = dataSource.getConnection();
             var rows = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%generate_series(1, 5000000)%' AND state = 'active' AND pid <> pg_backend_pid()")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the query was cancelled").isZero();
        }
    }

    @Test
    void aQueryThatFailsHalfWayIsAReportQueryFailure() throws Exception {
        ReportDefinition failing = numbers("SELECT 1 / (3000 - g) AS n FROM generate_series(1, 5000) g");
        ParameterValues none = ParameterValues.resolve(failing, Map.of(), LocalDate.now());
        long[] seen = {0};

        try (ReportQuery query = ReportQuery.open(dataSource, failing, none, null, ZoneId.of("UTC"), null)) {
            assertThatThrownBy(() -> query.rows().forEach(row -> seen[0]++))
                    .isInstanceOf(ReportQueryFailed.class).hasMessageContaining("division by zero");
        }
        assertThat(seen[0]).as("rows before the failure were handed over").isPositive().isLessThan(3000);
    }

    static byte[] render(ReportDefinition definition, ParameterValues values, UUID tenant, ReportFormat format,
                         ReportLanguage language) throws Exception {
        return render(definition, values, tenant, format, language, "healthflow_app");
    }

    static byte[] render(ReportDefinition definition, ParameterValues values, UUID tenant, ReportFormat format,
                         ReportLanguage language, String role) throws Exception {
        var out = new ByteArrayOutputStream();
        try (ReportQuery query = ReportQuery.open(dataSource, definition, values, tenant, ZoneId.of("Africa/Cairo"), role)) {
            long count = query.count();
            var context = new ReportContext(definition, language, values, Instant.now(), ZoneId.of("Africa/Cairo"),
                    new Bilingual("Test", "اختبار"), count);
            ReportRenderer.of(format).render(context, query.rows(), out);
        }
        return out.toByteArray();
    }
}
