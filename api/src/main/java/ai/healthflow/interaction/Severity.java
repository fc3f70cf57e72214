package ai.healthflow.interaction;

import java.util.List;

/** The severities of the knowledge base, most severe first. */
public final class Severity {
    public static final String CONTRAINDICATED = "contraindicated";
    public static final String MAJOR = "major";
    public static final String MODERATE = "moderate";
    public static final String MINOR = "minor";
    /** Most severe first. */
    public static final List<String> ALL = List.of(CONTRAINDICATED, MAJOR, MODERATE, MINOR);

    private Severity() {
    }

    /** 0 for contraindicated … 3 for minor; an unknown value ranks last. */
    public static int rank(String severity) {
        int rank = ALL.indexOf(severity);
        return rank < 0 ? ALL.size() : rank;
    }

    public static boolean isKnown(String severity) {
        return ALL.contains(severity);
    }
}
