package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportCatalogTest {

    @Test
    void theEmbeddedFontsShipWithTheirLicence() throws Exception {
        ClassLoader loader = ReportCatalogTest.class.getClassLoader();
        for (String font : new String[]{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
            assertThat(loader.getResource("reports-templates/fonts/" + font)).as(font).isNotNull();
        }
        try (var licence = loader.getResourceAsStream("reports-templates/fonts/LICENSE-DejaVu.txt")) {
            assertThat(licence).as("the fonts' licence travels with them").isNotNull();
            assertThat(new String(licence.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Bitstream Vera").contains("Permission is hereby granted");
        }
    }

    @Test
    void everyPackagedDefinitionLoads() {
        ReportCatalog catalog = ReportCatalog.load();

        assertThat(catalog.all()).extracting(ReportDefinition::id)
                .containsExactly("adverse-events", "audit-log", "medicine-registry", "prescriptions-by-governorate", "recalls",
                        "safety-summary", "signals", "system-analytics");
        for (ReportDefinition definition : catalog.all()) {
            assertThat(definition.formats()).as(definition.id()).containsExactlyInAnyOrder(ReportFormat.values());
            assertThat(definition.title().ar()).as(definition.id()).isNotBlank();
            assertThat(definition.columns()).as(definition.id()).allSatisfy(c -> assertThat(c.header().ar()).isNotBlank());
            assertThat(definition.source()).isEqualTo(definition.id() + ".yml");
        }
        ReportDefinition registry = catalog.find("medicine-registry").orElseThrow();
        assertThat(registry.scope()).isEqualTo(DataScope.GLOBAL);
        assertThat(registry.sort()).containsExactly(new SortKey("trade_name_en", false), new SortKey("registration_no", false));
        assertThat(catalog.find("audit-log").orElseThrow().permission()).isEqualTo("audit:read");
    }

    @Test
    void aBadDefinitionIsRefusedNamingTheFileAndEachField() {
        String bad = Fixtures.SAMPLE
                .replace("title: { en: Sample medicines, ar: أدوية تجريبية }", "title: { en: Sample medicines }")
                .replace("type: integer", "type: number")
                .replace("day >= :from", "day >= :from AND x = :missing")
                .replace("sort: name_en", "sort: nobody desc")
                .replace("formats: [xlsx, pdf, csv]", "formats: [xlsx, docx]");

        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", bad)))
                .isInstanceOf(InvalidReportDefinition.class)
                .hasMessageContaining("sample.yml: title.ar: is required")
                .hasMessageContaining("sample.yml: columns[2].type: must be one of text, integer, decimal, date, timestamp, boolean")
                .hasMessageContaining("sample.yml: source.sql: uses :missing, which is not among the parameters")
                .hasMessageContaining("sample.yml: sort: 'nobody' is not one of the columns' fields")
                .hasMessageContaining("sample.yml: formats[1]: 'docx' must be one of xlsx, pdf, csv");
    }

    @Test
    void tenantScopedReportsMustFilterOnTheTenant() {
        String unscoped = Fixtures.SAMPLE.replace("scope: global", "scope: tenant");
        String scopedGlobal = Fixtures.SAMPLE.replace("day >= :from", "day >= :from AND t = CAST(:tenantId AS uuid)");

        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", unscoped)))
                .hasMessageContaining("sample.yml: source.sql: a tenant-scoped report must filter on :tenantId");
        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", scopedGlobal)))
                .hasMessageContaining("uses :tenantId but the report's scope is global");
    }

    @Test
    void parametersAreCheckedAgainstTheQueryAndTheirTypes() {
        String bad = Fixtures.SAMPLE
                .replace("default: registered", "default: pending")
                .replace("default: today-30d", "default: yesterday")
                .replace("day >= :from", "true")
                .replace("- { name: status", "- { name: tenantId, type: uuid }\n  - { name: status");

        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", bad)))
                .hasMessageContaining("sample.yml: parameters[0].name: tenantId is bound by the service")
                .hasMessageContaining("sample.yml: parameters[1].default: must be one of registered, withdrawn")
                .hasMessageContaining("sample.yml: parameters[2].default: must be a date (YYYY-MM-DD) or today")
                .hasMessageContaining("sample.yml: parameters: 'from' is never used in source.sql");
    }

    @Test
    void unknownKeysBrokenYamlAndMismatchedIdsAreReported() {
        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", Fixtures.SAMPLE.replace("scope: global", "scope: global\nsorting: x"))))
                .hasMessageContaining("sample.yml: sorting: is not a known field");
        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", "id: [unclosed")))
                .hasMessageContaining("sample.yml: (file): is not valid YAML");
        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("other.yml", Fixtures.SAMPLE)))
                .hasMessageContaining("other.yml: id: must be the file name without .yml ('other')");
        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("sample.yml", Fixtures.SAMPLE.replace("ar: الكمية", "ar: Quantity"))))
                .hasMessageContaining("sample.yml: columns[2].header.ar: must be written in Arabic");
    }

    @Test
    void anExtraDirectoryAddsReportsAndMayNotRedefineOne() throws Exception {
        Path directory = Files.createTempDirectory("reports");
        Files.writeString(directory.resolve("sample.yml"), Fixtures.SAMPLE);
        assertThat(ReportCatalog.load(directory).find("sample")).isPresent();

        Files.writeString(directory.resolve("medicine-registry.yml"), Fixtures.SAMPLE.replace("id: sample", "id: medicine-registry"));
        Files.writeString(directory.resolve("stock.yml"), Fixtures.SAMPLE.replace("id: sample", "id: stock")
                .replace("type: date, header", "type: day, header"));
        assertThatThrownBy(() -> ReportCatalog.load(directory))
                .hasMessageContaining("id: 'medicine-registry' is already defined by medicine-registry.yml")
                .hasMessageContaining("stock.yml: columns[4].type: must be one of text, integer, decimal, date, timestamp, boolean");
    }
}
