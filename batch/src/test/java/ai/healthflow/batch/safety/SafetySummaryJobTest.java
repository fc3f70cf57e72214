package ai.healthflow.batch.safety;

import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobInfrastructure;
import ai.healthflow.batch.report.ReportCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetySummaryJobTest {
    static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
    // 1 November 2026, 00:30 in Cairo, still 31 October in UTC: the month is counted in Cairo
    static final JobInfrastructure AT_MIDNIGHT = infrastructure(Instant.parse("2026-10-31T22:30:00Z"));

    final SafetySummaryJob job = new SafetySummaryJob(ReportCatalog.load(), Path.of("reports"), CAIRO, null,
            SafetySummaryListener.NONE);

    @Test
    void withoutParametersItSummarisesThePreviousMonthInTheReportsZoneByIngredient() {
        var parameters = job.parameters(Map.of(), AT_MIDNIGHT);

        assertThat(parameters.getString("month")).isEqualTo("2026-10");
        assertThat(parameters.getString("groupBy")).isEqualTo("ingredient");
        assertThat(parameters.getParameter("month").identifying()).isTrue();
        assertThat(parameters.getParameter("groupBy").identifying()).isTrue();
        assertThat(job.name()).isEqualTo("safety-summary");
    }

    @Test
    void aGivenMonthAndGroupingAreKeptUpToTheCurrentMonth() {
        var parameters = job.parameters(Map.of("month", " 2026-11 ", "groupBy", "medicine"), AT_MIDNIGHT);

        assertThat(parameters.getString("month")).isEqualTo("2026-11");
        assertThat(parameters.getString("groupBy")).isEqualTo("medicine");
        assertThat(job.parameters(Map.of("month", "2019-01"), AT_MIDNIGHT).getString("month")).isEqualTo("2019-01");
    }

    @Test
    void eachWrongOrUnknownParameterIsNamed() {
        for (String wrong : new String[]{"2026-13", "2026-1", "10-2026", "2026-10-01", "last"}) {
            assertThatThrownBy(() -> job.parameters(Map.of("month", wrong), AT_MIDNIGHT)).as(wrong)
                    .isInstanceOfSatisfying(InvalidJobParameters.class, e -> assertThat(e.problems()).containsExactly(
                            new InvalidJobParameters.Problem("month", "must be a month as YYYY-MM, such as 2026-10")));
        }
        assertThatThrownBy(() -> job.parameters(Map.of("month", "2026-12"), AT_MIDNIGHT))
                .hasMessage("month: must not be a month in the future");
        assertThatThrownBy(() -> job.parameters(Map.of("groupBy", "atc", "format", "xlsx"), AT_MIDNIGHT))
                .isInstanceOfSatisfying(InvalidJobParameters.class, e -> assertThat(e.problems())
                        .extracting(InvalidJobParameters.Problem::parameter).containsExactly("format", "groupBy"));
    }

    static JobInfrastructure infrastructure(Instant now) {
        return new JobInfrastructure(null, null, null, Clock.fixed(now, ZoneOffset.UTC), null, 1, null);
    }
}
