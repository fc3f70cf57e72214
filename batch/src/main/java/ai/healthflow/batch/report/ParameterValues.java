package ai.healthflow.batch.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's parameter values, checked against its definition and converted to their types (String, LocalDate,
 * YearMonth, UUID, Long, Boolean; null when not given and without default). Relative dates ({@code today-30d}) are
 * fixed to a date when resolved, and relative months ({@code today-1m}: the month of that day) to a month, so a
 * stored request renders the same rows whenever it runs.
 */
public final class ParameterValues {
    private static final Pattern RELATIVE = Pattern.compile("today(?:([+-])(\\d{1,4})([dwmy]))?");
    private static final int MAX_STRING = 200;

    private final Map<String, Object> values;

    private ParameterValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Typed values of every declared parameter, in declaration order (null where none). */
    public Map<String, Object> values() {
        return values;
    }

    public Object get(String name) {
        return values.get(name);
    }

    /** The values as JSON-friendly strings (ISO dates), null ones left out: what a stored request keeps. */
    public Map<String, String> canonical() {
        Map<String, String> canonical = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                canonical.put(name, value.toString());
            }
        });
        return canonical;
    }

    /**
     * Checks and converts {@code given} (from a request body: strings, numbers, booleans, nulls).
     *
     * @param today the date relative defaults count from (in the reports' zone)
     * @throws InvalidReportParameters naming {@code params.<name>} for each unknown, missing or wrong value
     */
    public static ParameterValues resolve(ReportDefinition definition, Map<String, ?> given, LocalDate today) {
        List<InvalidReportParameters.Problem> problems = new ArrayList<>();
        Map<String, ?> input = given == null ? Map.of() : given;
        for (String name : input.keySet()) {
            if (definition.parameter(name).isEmpty()) {
                problems.add(new InvalidReportParameters.Problem("params." + name, "is not a parameter of "
                        + definition.id() + (definition.parameters().isEmpty() ? " (it has none)"
                        : " (known: " + String.join(", ", definition.parameters().stream().map(ReportParameter::name).toList()) + ")")));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ReportParameter parameter : definition.parameters()) {
            String field = "params." + parameter.name();
            Object raw = input.get(parameter.name());
            String text;
            if (raw == null) {
                text = parameter.defaultValue();
            } else if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                text = raw instanceof BigDecimal d ? d.toPlainString() : raw.toString();
            } else {
                problems.add(new InvalidReportParameters.Problem(field, "must be a single value"));
                continue;
            }
            if (text == null || text.isBlank()) {
                if (parameter.required()) {
                    problems.add(new InvalidReportParameters.Problem(field, "is required"));
                }
                values.put(parameter.name(), null);
                continue;
            }
            String error = check(parameter.type(), parameter.values(), text.strip());
            if (error != null) {
                problems.add(new InvalidReportParameters.Problem(field, error));
                continue;
            }
            values.put(parameter.name(), convert(parameter.type(), text.strip(), today));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportParameters(problems);
        }
        // every date range is from ≤ to, when a definition names them so
        if (values.get("from") instanceof LocalDate from && values.get("to") instanceof LocalDate to && from.isAfter(to)) {
            throw new InvalidReportParameters(List.of(new InvalidReportParameters.Problem("params.from",
                    "must not be after params.to")));
        }
        return new ParameterValues(values);
    }

    /** @return what is wrong with {@code text} as a value of the type, or null when it is fine */
    static String check(ParameterType type, List<String> allowed, String text) {
        switch (type) {
            case STRING -> {
                return text.length() > MAX_STRING ? "must be at most " + MAX_STRING + " characters" : null;
            }
            case ENUM -> {
                return allowed.contains(text) ? null : "must be one of " + String.join(", ", allowed);
            }
            case DATE -> {
                if (RELATIVE.matcher(text).matches()) {
                    return null;
                }
                try {
                    LocalDate.parse(text);
                    return null;
                } catch (DateTimeParseException e) {
                    return "must be a date (YYYY-MM-DD) or today, today-30d, today-3m, today-1y";
                }
            }
            case MONTH -> {
                if (RELATIVE.matcher(text).matches()) {
                    return null;
                }
                try {
                    YearMonth.parse(text);
                    return null;
                } catch (DateTimeParseException e) {
                    return "must be a month (YYYY-MM) or today, today-1m, today-1y";
                }
            }
            case UUID -> {
                try {
                    java.util.UUID.fromString(text);
                    return text.length() == 36 ? null : "must be a UUID";
                } catch (IllegalArgumentException e) {
                    return "must be a UUID";
                }
            }
            case INTEGER -> {
                try {
                    Long.parseLong(text);
                    return null;
                } catch (NumberFormatException e) {
                    return "must be a whole number";
                }
            }
            case BOOLEAN -> {
                return text.equals("true") || text.equals("false") ? null : "must be true or false";
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private static Object convert(ParameterType type, String text, LocalDate today) {
        return switch (type) {
            case STRING, ENUM -> text;
            case DATE -> date(text, today);
            case MONTH -> RELATIVE.matcher(text).matches() ? YearMonth.from(date(text, today)) : YearMonth.parse(text);
            case UUID -> UUID.fromString(text);
            case INTEGER -> Long.parseLong(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
        };
    }

    private static LocalDate date(String text, LocalDate today) {
        Matcher relative = RELATIVE.matcher(text);
        if (!relative.matches()) {
            return LocalDate.parse(text);
        }
        if (relative.group(1) == null) {
            return today;
        }
        long amount = Long.parseLong(relative.group(2)) * (relative.group(1).equals("-") ? -1 : 1);
        return switch (relative.group(3)) {
            case "d" -> today.plusDays(amount);
            case "w" -> today.plusWeeks(amount);
            case "m" -> today.plusMonths(amount);
            default -> today.plusYears(amount);
        };
    }
}
