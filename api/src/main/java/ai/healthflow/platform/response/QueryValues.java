package ai.healthflow.platform.response;

import ai.healthflow.platform.error.InvalidParameter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Reads optional query parameters the same way everywhere: blank is absent, a malformed value is a 400. */
public final class QueryValues {
    private QueryValues() {
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** @throws InvalidParameter (400) naming {@code field} when not a whole number */
    public static int integer(String field, String value, int fallback) {
        String text = text(value);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameter(field, "must be a whole number");
        }
    }

    /** @throws InvalidParameter (400) naming {@code field} when not true or false */
    public static Boolean bool(String field, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameter(field, "must be true or false");
        };
    }

    /** @throws InvalidParameter (400) naming {@code field} when not a UUID */
    public static UUID uuid(String field, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(field, "must be a UUID");
        }
    }

    /** @throws InvalidParameter (400) naming {@code field} when not an ISO-8601 instant */
    public static Instant instant(String field, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(field, "must be an ISO-8601 instant such as 2026-11-22T00:00:00Z");
        }
    }

    /** @throws InvalidParameter (400) naming {@code field} when not an ISO-8601 date */
    public static java.time.LocalDate date(String field, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(field, "must be a date such as 2026-11-22");
        }
    }
}
