package ai.healthflow.batch.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Analytics days are calendar days in Egypt. The database functions {@code hf_analytics_day} and
 * {@code hf_analytics_day_start} (migration analytics.xml) use the same zone; a test keeps the two in step.
 */
public final class AnalyticsCalendar {
    public static final ZoneId ZONE = ZoneId.of("Africa/Cairo");

    private AnalyticsCalendar() {
    }

    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    public static LocalDate today(Clock clock) {
        return day(clock.instant());
    }

    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
