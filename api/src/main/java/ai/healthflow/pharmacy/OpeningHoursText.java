package ai.healthflow.pharmacy;

import ai.healthflow.pharmacy.OpeningHours.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours written in one spreadsheet cell, for pharmacy directory files: {@code 24h}, or groups separated by
 * {@code ;}, each a day or a range of days of the Egyptian week (sat sun mon tue wed thu fri, a range may wrap) and
 * its intervals separated by {@code ,}: {@code sat-thu 09:00-23:00; fri 13:00-16:00,18:00-23:00}. Days not named
 * are closed. The times are checked later with the rules of the API ({@link OpeningHours#validate}).
 */
public final class OpeningHoursText {
    static final List<String> WEEK = List.of("sat", "sun", "mon", "tue", "wed", "thu", "fri");
    private static final Pattern GROUP = Pattern.compile("([a-z]{3})(?:\\s*-\\s*([a-z]{3}))?\\s+(.+)");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    private OpeningHoursText() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, for a text that is not in this form (a day named
     *                                  twice, an unknown day, an interval that is not {@code HH:mm-HH:mm})
     */
    public static OpeningHours parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("is required: 24h, or e.g. sat-thu 09:00-23:00; fri 13:00-23:00");
        }
        if (value.equals("24h") || value.equals("24/7") || value.equals("open24h")) {
            return OpeningHours.aroundTheClock();
        }
        Map<String, List<Interval>> days = new LinkedHashMap<>();
        for (String group : value.split(";")) {
            if (group.isBlank()) {
                continue;
            }
            Matcher matcher = GROUP.matcher(group.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + group.strip() + "' is not '<day>[-<day>] HH:mm-HH:mm[,HH:mm-HH:mm]'");
            }
            List<Interval> intervals = new ArrayList<>();
            for (String interval : matcher.group(3).split(",")) {
                Matcher times = INTERVAL.matcher(interval.strip());
                if (!times.matches()) {
                    throw new IllegalArgumentException("'" + interval.strip() + "' is not an interval HH:mm-HH:mm");
                }
                intervals.add(new Interval(padded(times.group(1)), padded(times.group(2))));
            }
            for (String day : range(matcher.group(1), matcher.group(2))) {
                if (days.putIfAbsent(day, intervals) != null) {
                    throw new IllegalArgumentException(day + " is given twice");
                }
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("names no day");
        }
        return new OpeningHours(false, days.get("sat"), days.get("sun"), days.get("mon"), days.get("tue"),
                days.get("wed"), days.get("thu"), days.get("fri"));
    }

    private static List<String> range(String from, String to) {
        int start = day(from);
        int end = to == null ? start : day(to);
        List<String> days = new ArrayList<>();
        for (int i = start; ; i = (i + 1) % WEEK.size()) {
            days.add(WEEK.get(i));
            if (i == end) {
                return days;
            }
        }
    }

    private static int day(String name) {
        int index = WEEK.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a day (" + String.join(" ", WEEK) + ")");
        }
        return index;
    }

    /** {@code 9:00} as {@code 09:00}, so the API's HH:mm check applies to the rest. */
    private static String padded(String time) {
        return time.length() == 4 ? "0" + time : time;
    }
}
