package ai.healthflow.batch.report;

import java.util.Arrays;
import java.util.Optional;

/** The type of a report parameter; values given as JSON strings, numbers or booleans are converted to it. */
public enum ParameterType {
    STRING("string"), ENUM("enum"), DATE("date"), MONTH("month"), UUID("uuid"), INTEGER("integer"), BOOLEAN("boolean");

    private final String code;

    ParameterType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ParameterType> parse(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
