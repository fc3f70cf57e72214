package ai.healthflow.batch.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A typed value as text, the same way in PDF cells and CSV fields: ISO dates, plain decimals, labels applied. */
final class DisplayText {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DisplayText() {
    }

    /** For people (PDF): booleans as Yes/No in the report's language. */
    static String forPeople(ReportColumn column, Object value, ReportContext context) {
        if (value instanceof Boolean b) {
            return context.word(b ? ReportContext.Word.YES : ReportContext.Word.NO);
        }
        return common(column, value, context.language());
    }

    /** For programs (CSV): booleans as true/false. */
    static String forMachines(ReportColumn column, Object value, ReportLanguage language) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return common(column, value, language);
    }

    private static String common(ReportColumn column, Object value, ReportLanguage language) {
        return switch (value) {
            case null -> "";
            case String s -> column.labels().isEmpty() ? s : column.label(s, language);
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> TIMESTAMP.format(t);
            case LocalDate d -> d.toString();
            default -> value.toString();
        };
    }
}
