package ai.healthflow.batch.report;

import java.util.List;

/** A report request's parameters do not fit the definition; each problem names the parameter ({@code params.from}). */
public final class InvalidReportParameters extends RuntimeException {
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidReportParameters(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
