package ai.healthflow.pharmacy;

import ai.healthflow.platform.error.FieldError;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When a pharmacy is open: around the clock ({@code open24h}), or intervals per weekday in Cairo wall-clock time
 * ({@code "HH:mm"}). An interval whose {@code closes} is not after {@code opens} ends on the next day
 * ({@code 18:00-02:00}; {@code 00:00-00:00} is the whole day). A day without intervals is closed.
 *
 * <p>"Open now" is evaluated on minutes of the week (Monday 00:00 = 0 … 10080): {@link #weeklyRanges()} turns the
 * intervals into sorted, merged ranges, stored beside the hours as an {@code int4multirange} so that SQL filters
 * with one containment test, and {@link #isOpenAt(Instant)} tests the same ranges in Java.
 */
@JsonPropertyOrder({"open24h", "sat", "sun", "mon", "tue", "wed", "thu", "fri"})
public record OpeningHours(Boolean open24h, List<Interval> sat, List<Interval> sun, List<Interval> mon,
                           List<Interval> tue, List<Interval> wed, List<Interval> thu, List<Interval> fri) {
    /** Opening hours are Cairo wall-clock times, summer time included. */
    public static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
    static final int MINUTES_PER_DAY = 24 * 60;
    static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    private static final int MAX_INTERVALS_PER_DAY = 4;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** @param opens {@code HH:mm}; @param closes {@code HH:mm}, on the next day when not after {@code opens} */
    public record Interval(String opens, String closes) {
    }

    /** A range of minutes of the week, {@code [start, end)}. */
    public record Range(int start, int end) {
    }

    public static OpeningHours aroundTheClock() {
        return new OpeningHours(true, null, null, null, null, null, null, null);
    }

    /** The same hours with every day present (closed days as empty lists) and {@code open24h} set. */
    public OpeningHours normalized() {
        return new OpeningHours(Boolean.TRUE.equals(open24h), list(sat), list(sun), list(mon), list(tue), list(wed),
                list(thu), list(fri));
    }

    /** Every problem, each naming its field under {@code prefix} (e.g. {@code openingHours.fri[1].closes}). */
    public List<FieldError> validate(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        boolean allDay = Boolean.TRUE.equals(open24h);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Interval> intervals = day(day);
            String field = prefix + "." + key(day);
            if (intervals == null || intervals.isEmpty()) {
                continue;
            }
            if (allDay) {
                errors.add(new FieldError(field, "must be empty when open24h is true"));
                continue;
            }
            if (intervals.size() > MAX_INTERVALS_PER_DAY) {
                errors.add(new FieldError(field, "at most " + MAX_INTERVALS_PER_DAY + " intervals a day"));
            }
            for (int i = 0; i < intervals.size(); i++) {
                Interval interval = intervals.get(i);
                if (interval == null) {
                    errors.add(new FieldError(field + "[" + i + "]", "is required"));
                    continue;
                }
                time(errors, field + "[" + i + "].opens", interval.opens());
                time(errors, field + "[" + i + "].closes", interval.closes());
            }
        }
        return errors;
    }

    private static void time(List<FieldError> errors, String field, String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be a time HH:mm from 00:00 to 23:59"));
        }
    }

    /** Sorted, non-overlapping ranges of minutes of the week when the pharmacy is open. Valid hours only. */
    @JsonIgnore
    public List<Range> weeklyRanges() {
        if (Boolean.TRUE.equals(open24h)) {
            return List.of(new Range(0, MINUTES_PER_WEEK));
        }
        List<Range> ranges = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            int dayStart = (day.getValue() - 1) * MINUTES_PER_DAY;
            for (Interval interval : list(day(day))) {
                int opens = minutes(interval.opens());
                int closes = minutes(interval.closes());
                int start = dayStart + opens;
                int end = closes > opens ? dayStart + closes : dayStart + MINUTES_PER_DAY + closes;
                if (end > MINUTES_PER_WEEK) { // Sunday night into Monday morning: wraps to the week's start
                    ranges.add(new Range(start, MINUTES_PER_WEEK));
                    ranges.add(new Range(0, end - MINUTES_PER_WEEK));
                } else {
                    ranges.add(new Range(start, end));
                }
            }
        }
        ranges.sort(Comparator.comparingInt(Range::start));
        List<Range> merged = new ArrayList<>();
        for (Range range : ranges) {
            Range last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && range.start() <= last.end()) {
                merged.set(merged.size() - 1, new Range(last.start(), Math.max(last.end(), range.end())));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    /** {@link #weeklyRanges()} as a PostgreSQL {@code int4multirange} literal, e.g. {@code {[540,1380)}}. */
    @JsonIgnore
    public String multirange() {
        StringBuilder literal = new StringBuilder("{");
        for (Range range : weeklyRanges()) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('[').append(range.start()).append(',').append(range.end()).append(')');
        }
        return literal.append('}').toString();
    }

    public boolean isOpenAt(Instant instant) {
        int minute = minuteOfWeek(instant);
        return weeklyRanges().stream().anyMatch(r -> r.start() <= minute && minute < r.end());
    }

    /** Minutes since Monday 00:00 in Cairo wall-clock time. */
    public static int minuteOfWeek(Instant instant) {
        ZonedDateTime cairo = instant.atZone(CAIRO);
        return (cairo.getDayOfWeek().getValue() - 1) * MINUTES_PER_DAY + cairo.getHour() * 60 + cairo.getMinute();
    }

    private List<Interval> day(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> mon;
            case TUESDAY -> tue;
            case WEDNESDAY -> wed;
            case THURSDAY -> thu;
            case FRIDAY -> fri;
            case SATURDAY -> sat;
            case SUNDAY -> sun;
        };
    }

    private static String key(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
    }

    private static int minutes(String time) {
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3, 5));
    }

    private static List<Interval> list(List<Interval> intervals) {
        return intervals == null ? List.of() : intervals.stream().filter(Objects::nonNull).toList();
    }
}
