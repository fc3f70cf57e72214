package ai.healthflow.analytics;

import ai.healthflow.platform.error.InvalidParameter;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How far back a question looks: the last N complete days (Cairo days) ending with {@code to}. */
public enum TimeRange {
    DAYS_7("7d", 7, Interval.DAY), DAYS_30("30d", 30, Interval.DAY), DAYS_90("90d", 90, Interval.WEEK),
    YEAR("1y", 365, Interval.WEEK);

    /** The buckets of the system trend series. */
    public enum Interval {
        DAY, WEEK
    }

    private final String value;
    private final int days;
    private final Interval series;

    TimeRange(String value, int days, Interval series) {
        this.value = value;
        this.days = days;
        this.series = series;
    }

    public String value() {
        return value;
    }

    public int days() {
        return days;
    }

    public Interval series() {
        return series;
    }

    /** @throws InvalidParameter naming {@code timeRange} for anything but 7d, 30d, 90d, 1y (absent: 30d) */
    public static TimeRange parse(String text) {
        if (text == null || text.isBlank()) {
            return DAYS_30;
        }
        for (TimeRange range : values()) {
            if (range.value.equals(text.strip())) {
                return range;
            }
        }
        throw new InvalidParameter("timeRange", "must be one of " + Arrays.stream(values()).map(TimeRange::value)
                .collect(Collectors.joining(", ")));
    }
}
