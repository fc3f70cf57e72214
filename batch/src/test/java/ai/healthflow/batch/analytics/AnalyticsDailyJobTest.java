package ai.healthflow.batch.analytics;

import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnalyticsDailyJobTest {
    // 22:30 UTC on 21 Nov is already 22 Nov in Cairo (UTC+2)
    static final JobInfrastructure INFRA = new JobInfrastructure(null, null, null,
            Clock.fixed(Instant.parse("2026-11-21T22:30:00Z"), ZoneOffset.UTC), null, 2, null);
    final AnalyticsDailyJob job = new AnalyticsDailyJob();

    InvalidJobParameters refused(Map<String, String> given) {
        return catchThrowableOfType(InvalidJobParameters.class, () -> job.parameters(given, INFRA));
    }

    @Test
    void withoutParametersTheRunHasNoIdentifyingParameters() {
        assertThat(job.parameters(Map.of(), INFRA).isEmpty()).isTrue();
    }

    @Test
    void aRangeIdentifiesTheRunAndOneDateAloneIsThatDay() {
        JobParameters range = job.parameters(Map.of("from", "2026-11-01", "to", "2026-11-22"), INFRA);
        assertThat(range.getString("from")).isEqualTo("2026-11-01");
        assertThat(range.getString("to")).as("today in Cairo").isEqualTo("2026-11-22");
        JobParameters one = job.parameters(Map.of("to", "2026-03-10"), INFRA);
        assertThat(one.getString("from")).isEqualTo("2026-03-10");
        assertThat(one.getString("to")).isEqualTo("2026-03-10");
    }

    @Test
    void wrongParametersAreRefusedNamingEach() {
        assertThat(refused(Map.of("from", "2026-02-30", "day", "x")).problems())
                .extracting(InvalidJobParameters.Problem::parameter).containsExactlyInAnyOrder("from", "day");
        assertThat(refused(Map.of("from", "2026-11-10", "to", "2026-11-01")).problems())
                .extracting(InvalidJobParameters.Problem::parameter).containsExactly("from");
        assertThat(refused(Map.of("to", "2026-11-23")).problems().getFirst().message()).contains("today (2026-11-22");
        assertThat(refused(Map.of("from", "2010-01-01", "to", "2026-11-01")).problems().getFirst().message())
                .contains("3660 days");
    }

    @Test
    void aPartitionsReaderResumesAfterItsLastCommittedDay() {
        var context = new ExecutionContext();
        context.putString(AnalyticsDailyJob.DAYS, "2026-11-21,2026-11-19,2026-11-17");
        context.putInt(AnalyticsDailyJob.NEXT, 0);
        var reader = new AnalyticsDailyJob.DayReader();
        reader.open(context);
        assertThat(reader.read()).isEqualTo(LocalDate.parse("2026-11-21"));
        reader.update(context); // the chunk of 2026-11-21 committed
        reader.read();          // 2026-11-19 read, its chunk then rolled back: the process dies
        reader.close();

        var restarted = new AnalyticsDailyJob.DayReader();
        restarted.open(context);
        assertThat(restarted.read()).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(restarted.read()).isEqualTo(LocalDate.parse("2026-11-17"));
        assertThat(restarted.read()).isNull();
    }

    @Test
    void anEmptyPartitionReadsNothing() {
        var context = new ExecutionContext();
        context.putString(AnalyticsDailyJob.DAYS, "");
        var reader = new AnalyticsDailyJob.DayReader();
        reader.open(context);
        assertThat(reader.read()).isNull();
    }
}
