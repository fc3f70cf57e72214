package ai.healthflow.batch.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a report column holds. It decides how the value is read from the query (and which SQL types are accepted)
 * and how it is written: XLSX numbers as numbers and dates as dates, CSV in ISO form, PDF as display text.
 */
public enum ColumnType {
    TEXT("text"), INTEGER("integer"), DECIMAL("decimal"), DATE("date"), TIMESTAMP("timestamp"), BOOLEAN("boolean");

    private final String code;

    ColumnType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean numeric() {
        return this == INTEGER || this == DECIMAL;
    }

    public static Optional<ColumnType> parse(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
