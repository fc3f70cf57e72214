package ai.healthflow.batch.safety;

import java.util.Arrays;
import java.util.Optional;

/** What one row of a safety summary is about: an active ingredient (the default) or a medicine. */
public enum Grouping {
    INGREDIENT("ingredient"), MEDICINE("medicine");

    private final String code;

    Grouping(String code) {
        this.code = code;
    }

    /** The value of the report's {@code groupBy} parameter and of the job's. */
    public String code() {
        return code;
    }

    public static Optional<Grouping> parse(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst();
    }
}
