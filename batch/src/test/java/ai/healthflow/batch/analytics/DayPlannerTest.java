package ai.healthflow.batch.analytics;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DayPlannerTest {
    static final LocalDate D = LocalDate.parse("2026-03-10");

    @Test
    void aRangeIsEveryDayNewestFirst() {
        assertThat(DayPlanner.range(D, D.plusDays(2))).containsExactly(D.plusDays(2), D.plusDays(1), D);
        assertThat(DayPlanner.range(D, D)).containsExactly(D);
    }

    @Test
    void daysAreDealtRoundRobinNewestFirstSoPartitionsWeighTheSame() {
        List<LocalDate> days = DayPlanner.range(D, D.plusDays(4));
        List<List<LocalDate>> parts = DayPlanner.split(List.of(days.get(3), days.get(0), days.get(4), days.get(1), days.get(2)), 2);

        assertThat(parts).containsExactly(
                List.of(D.plusDays(4), D.plusDays(2), D),
                List.of(D.plusDays(3), D.plusDays(1)));
    }

    @Test
    void morePartitionsThanDaysLeavesSomeEmpty() {
        assertThat(DayPlanner.split(List.of(D), 3)).containsExactly(List.of(D), List.of(), List.of());
        assertThat(DayPlanner.split(List.of(), 2)).containsExactly(List.of(), List.of());
    }
}
