package ai.healthflow.batch.report;

import java.util.List;

/**
 * One or more report definitions are wrong. The message lists every problem as {@code file: field: what is wrong},
 * so a bad file stops the start with a message that says where to look.
 */
public final class InvalidReportDefinition extends RuntimeException {
    private final List<String> problems;

    public InvalidReportDefinition(List<String> problems) {
        super("Invalid report definition" + (problems.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
