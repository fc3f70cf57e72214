package ai.healthflow.jobs;

import ai.healthflow.batch.engine.BatchSettings;
import ai.healthflow.batch.engine.Schedule;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.util.List;
import java.util.Map;

/**
 * The {@code batch} block of the configuration. Every value has a default, so a configuration without it runs the
 * engine with no schedules.
 *
 * @param scheduling     fire the schedules in this process ({@code BATCH_SCHEDULING}); every replica may: each
 *                       firing is claimed once through the database. Off for a replica that should only serve HTTP.
 * @param concurrentRuns job executions this process runs at once
 * @param poolSize       connections of the batch pool (jobs connect as the schema owner: they read every tenant)
 * @param heartbeatEvery how often this process confirms the runs it owns are alive
 * @param staleAfter     a run whose owner has not confirmed for this long is taken as dead and resumed on demand
 * @param schedules      cron schedules (Spring's six fields, with seconds) with a zone and fixed parameters
 */
public record BatchJobSettings(@JsonProperty Boolean scheduling,
                               @JsonProperty @Min(1) @Max(16) Integer concurrentRuns,
                               @JsonProperty @Min(2) @Max(64) Integer poolSize,
                               @JsonProperty Duration heartbeatEvery,
                               @JsonProperty Duration staleAfter,
                               @JsonProperty @Valid List<ScheduleSettings> schedules) {

    public BatchJobSettings {
        scheduling = scheduling == null || scheduling;
        concurrentRuns = concurrentRuns == null ? 2 : concurrentRuns;
        poolSize = poolSize == null ? 8 : poolSize;
        heartbeatEvery = heartbeatEvery == null ? Duration.seconds(5) : heartbeatEvery;
        staleAfter = staleAfter == null ? Duration.seconds(30) : staleAfter;
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    public static BatchJobSettings defaults() {
        return new BatchJobSettings(null, null, null, null, null, null);
    }

    /** @param zone an IANA zone (default UTC), e.g. Africa/Cairo for the authority's nights */
    public record ScheduleSettings(@JsonProperty @NotBlank String job, @JsonProperty @NotBlank String cron,
                                   @JsonProperty String zone, @JsonProperty Map<String, String> parameters) {
        Schedule schedule() {
            return Schedule.of(job, cron, zone, parameters);
        }
    }

    BatchSettings engineSettings(String owner) {
        return new BatchSettings(owner, heartbeatEvery.toJavaDuration(), staleAfter.toJavaDuration(), concurrentRuns,
                Runtime.getRuntime().availableProcessors());
    }

    List<Schedule> engineSchedules() {
        return schedules.stream().map(ScheduleSettings::schedule).toList();
    }
}
