package ai.healthflow.report;

import ai.healthflow.batch.report.Bilingual;
import ai.healthflow.batch.report.ParameterValues;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportContext;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.batch.report.ReportFormat;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.batch.report.ReportQuery;
import ai.healthflow.batch.report.ReportQueryFailed;
import ai.healthflow.batch.report.ReportRenderer;
import ai.healthflow.testing.TestPostgres;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every shipped report definition against the fully migrated schema: each query runs (as the service's role,
 * with row-level security, in both scopes), returns the declared column types, and renders in every format.
 */
class ReportDefinitionsIT {
    static final UUID CAIRO = UUID.fromString("10000000-0000-0000-0000-00000000c41a");
    static final UUID ALEX = UUID.fromString("10000000-0000-0000-0000-0000000a1e55");
    static PGSimpleDataSource dataSource;
    static ReportCatalog catalog;

    @BeforeAll
    static void database() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        catalog = ReportCatalog.load();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("""
                    INSERT INTO tenants (id, type, name_en, name_ar, governorate) VALUES
                      ('%s', 'hospital', 'Cairo Test Hospital', 'مستشفى القاهرة', 'Cairo'),
                      ('%s', 'pharmacy', 'Alex Test Pharmacy', 'صيدلية الإسكندرية', 'Alexandria');
                    INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                                           dosage_form, route, manufacturer, price_egp, registered_on)
                    VALUES ('20000000-0000-0000-0000-000000000001', 'EG-T1', 'Testamol', 'تستامول', 'paracetamol',
                            'باراسيتامول', 'tablet', 'oral', 'Pharco', 12.5, DATE '2024-03-01');
                    INSERT INTO recalls (id, medicine_id, all_batches, recall_class, level, reason_en, reason_ar,
                                         instructions_en, instructions_ar, start_date, status)
                    VALUES ('30000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000001', true, 'I',
                            'retail', 'Contamination', 'تلوث', 'Return', 'أعد', current_date, 'active');
                    INSERT INTO recall_acknowledgements (recall_id, tenant_id, status, quantity_quarantined, quantity_returned)
                    VALUES ('30000000-0000-0000-0000-000000000001', '%s', 'acknowledged', 5, 2),
                           ('30000000-0000-0000-0000-000000000001', '%s', 'pending', NULL, NULL);
                    """.formatted(CAIRO, ALEX, CAIRO, ALEX));
        }
    }

    @Test
    void everyShippedQueryRunsOnTheMigratedSchemaWithTheDeclaredTypesInEveryFormat() throws Exception {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(7);
        List<String> rendered = new ArrayList<>();
        for (ReportDefinition definition : catalog.all()) {
            ParameterValues values = ParameterValues.resolve(definition, Map.of(), LocalDate.now());
            for (UUID tenant : new UUID[]{null, CAIRO}) {
                for (ReportFormat format : definition.formats()) {
                    for (ReportLanguage language : ReportLanguage.values()) {
                        byte[] file = render(definition, values, tenant, format, language);
                        assertThat(file).as(definition.id() + " " + format).isNotEmpty();
                        if (format == ReportFormat.XLSX) {
                            try (XSSFWorkbook workbook = ReportFiles.xlsx(file)) {
                                assertThat(ReportFiles.row(workbook.getSheetAt(1), 0)).containsExactlyElementsOf(
                                        definition.columns().stream().map(c -> c.header().in(language)).toList());
                            }
                        } else if (format == ReportFormat.PDF) {
                            assertThat(ReportFiles.flat(ReportFiles.pdfText(file, 1)))
                                    .contains(ReportFiles.flat(definition.title().in(language)));
                        } else {
                            assertThat(ReportFiles.csv(file)).startsWith(String.join(",",
                                    definition.columns().stream().map(c -> c.header().in(language)).toList()) + "\r\n");
                        }
                        rendered.add(definition.id());
                    }
                }
            }
        }
        assertThat(rendered).containsAll(catalog.all().stream().map(ReportDefinition::id).toList());
    }

    @Test
    void systemAnalyticsAddsUpTheDailyFactsPerDayAndGovernorateWithinTheCallersScope() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("Africa/Cairo")).minusDays(1);
        UUID giza = UUID.fromString("10000000-0000-0000-0000-00000000012a");
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("""
                    INSERT INTO tenants (id, type, name_en, name_ar, governorate)
                    VALUES ('%4$s', 'hospital', 'Giza Test Hospital', 'مستشفى الجيزة', 'Cairo');
                    INSERT INTO analytics_daily_tenant
                    SELECT DATE '%1$s', t.id, t.gov, t.n, t.n - 1, 3 * t.n, 30 * t.n, 2 * t.n, 20 * t.n, t.n, 2 * t.n,
                           7 * t.n, 1, t.n, 1, 0, 1, 0, 0, 0, 0, 2, 1, 4
                      FROM (VALUES ('%2$s'::uuid, 'Cairo', 10), ('%4$s'::uuid, 'Cairo', 5), ('%3$s'::uuid, 'Alexandria', 2))
                           AS t (id, gov, n);
                    """.formatted(day, CAIRO, ALEX, giza));
        }
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
