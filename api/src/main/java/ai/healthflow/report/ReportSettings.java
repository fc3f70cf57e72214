package ai.healthflow.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * @param retentionDays         days a finished report file (and its request) is kept ({@code REPORTS_RETENTION_DAYS})
 * @param sweepInterval         how often waiting requests are relaunched and expired files deleted
 * @param scheduleInterval      how often due report schedules are fired and finished scheduled reports emailed
 * @param zone                  the zone report timestamps are shown in and relative dates counted in
 * @param definitionsDirectory  an extra directory of report definitions beside the packaged ones; blank for none
 */
public record ReportSettings(@JsonProperty @Min(1) @Max(3650) int retentionDays,
                             @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration sweepInterval,
                             @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration scheduleInterval,
                             @JsonProperty @NotBlank String zone,
                             @JsonProperty String definitionsDirectory) {

    public static ReportSettings defaults() {
        return new ReportSettings(7, Duration.minutes(1), Duration.seconds(30), "Africa/Cairo", "");
    }

    public java.time.Duration retention() {
        return java.time.Duration.ofDays(retentionDays);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** The extra definitions directory, or null. */
    public Path extraDefinitions() {
        return definitionsDirectory == null || definitionsDirectory.isBlank() ? null : Path.of(definitionsDirectory);
    }
}
