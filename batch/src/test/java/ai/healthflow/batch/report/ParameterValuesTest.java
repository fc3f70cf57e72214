package ai.healthflow.batch.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterValuesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void defaultsApplyAndRelativeDatesAreFixedToADay() {
        ParameterValues values = ParameterValues.resolve(Fixtures.sample(), Map.of(), TODAY);

        assertThat(values.get("status")).isEqualTo("registered");
        assertThat(values.get("from")).isEqualTo(LocalDate.of(2026, 10, 23));
        assertThat(values.canonical()).containsExactly(Map.entry("status", "registered"), Map.entry("from", "2026-10-23"));
    }

    @Test
    void givenValuesAreConvertedAndRelativeFormsAccepted() {
        ParameterValues values = ParameterValues.resolve(Fixtures.sample(), Map.of("status", "withdrawn", "from", "today-1y"), TODAY);

        assertThat(values.get("status")).isEqualTo("withdrawn");
        assertThat(values.get("from")).isEqualTo(LocalDate.of(2025, 11, 22));
    }

    @Test
    void everyWrongValueIsNamed() {
        Map<String, Object> given = new HashMap<>();
        given.put("status", "pending");
        given.put("from", "22/11/2026");
        given.put("colour", "red");

        assertThatThrownBy(() -> ParameterValues.resolve(Fixtures.sample(), given, TODAY))
                .isInstanceOfSatisfying(InvalidReportParameters.class, e -> assertThat(e.problems())
                        .extracting(InvalidReportParameters.Problem::field)
                        .containsExactlyInAnyOrder("params.status", "params.from", "params.colour"));
    }

    @Test
    void valuesMustBeSingleAndRangesOrdered() {
        assertThatThrownBy(() -> ParameterValues.resolve(Fixtures.sample(), Map.of("status", List.of("a")), TODAY))
                .hasMessageContaining("params.status must be a single value");
        ReportDefinition definition = ReportCatalog.load().find("recalls").orElseThrow();
        assertThatThrownBy(() -> ParameterValues.resolve(definition, Map.of("from", "2026-02-01", "to", "2026-01-01"), TODAY))
                .hasMessageContaining("params.from must not be after params.to");
    }

    @Test
    void typesAreChecked() {
        assertThat(ParameterValues.check(ParameterType.UUID, List.of(), "not-a-uuid")).isEqualTo("must be a UUID");
        assertThat(ParameterValues.check(ParameterType.UUID, List.of(), "6f1c2b8e-2d6c-4c59-9a0a-0f2a6b1f3c11")).isNull();
        assertThat(ParameterValues.check(ParameterType.INTEGER, List.of(), "1.5")).isEqualTo("must be a whole number");
        assertThat(ParameterValues.check(ParameterType.BOOLEAN, List.of(), "yes")).isEqualTo("must be true or false");
        assertThat(ParameterValues.check(ParameterType.STRING, List.of(), "x".repeat(201))).contains("at most 200");
    }

    static final String MONTHLY = """
            id: monthly
            title: { en: Monthly, ar: شهري }
            permission: reports:read
            scope: global
            parameters:
              - { name: month, type: month, default: today-1m }
            source:
              sql: SELECT 1 AS n WHERE CAST(:month AS date) IS NOT NULL
            columns:
              - { field: n, type: integer, header: { en: N, ar: العدد } }
            formats: [csv]
            """;

    @Test
    void aMonthIsGivenAsYearAndMonthOrRelativeToToday() {
        ReportDefinition monthly = ReportCatalog.fromSources(Map.of("monthly.yml", MONTHLY)).find("monthly").orElseThrow();

        assertThat(ParameterValues.resolve(monthly, Map.of(), TODAY).get("month")).as("the default: the previous month")
                .isEqualTo(YearMonth.of(2026, 10));
        assertThat(ParameterValues.resolve(monthly, Map.of("month", "2025-02"), TODAY).canonical())
                .containsExactly(Map.entry("month", "2025-02"));
        assertThat(ParameterValues.resolve(monthly, Map.of("month", "today"), TODAY).get("month")).isEqualTo(YearMonth.of(2026, 11));
        assertThat(ParameterValues.resolve(monthly, Map.of("month", "today-1y"), TODAY).get("month")).isEqualTo(YearMonth.of(2025, 11));
        // a month back from the 31st is the previous month, not the one before
        assertThat(ParameterValues.resolve(monthly, Map.of(), LocalDate.of(2026, 3, 31)).get("month")).isEqualTo(YearMonth.of(2026, 2));
    }

    @Test
    void aMonthThatIsNotYearDashMonthIsNamed() {
        ReportDefinition monthly = ReportCatalog.fromSources(Map.of("monthly.yml", MONTHLY)).find("monthly").orElseThrow();

        for (String wrong : List.of("2026-13", "2026-1", "10/2026", "2026-10-01", "last month")) {
            assertThatThrownBy(() -> ParameterValues.resolve(monthly, Map.of("month", wrong), TODAY)).as(wrong)
                    .isInstanceOfSatisfying(InvalidReportParameters.class, e -> assertThat(e.problems())
                            .containsExactly(new InvalidReportParameters.Problem("params.month",
                                    "must be a month (YYYY-MM) or today, today-1m, today-1y")));
        }
        assertThat(ParameterValues.check(ParameterType.MONTH, List.of(), "2026-10")).isNull();
    }

    @Test
    void aMonthDefaultThatIsNoMonthStopsTheDefinition() {
        assertThatThrownBy(() -> ReportCatalog.fromSources(Map.of("monthly.yml", MONTHLY.replace("today-1m", "October"))))
                .isInstanceOf(InvalidReportDefinition.class)
                .hasMessageContaining("monthly.yml: parameters[0].default: must be a month (YYYY-MM)");
    }
}
