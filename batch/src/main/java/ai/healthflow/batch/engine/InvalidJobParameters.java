package ai.healthflow.batch.engine;

import java.util.List;

/** A job was asked for with wrong parameters; each problem names the parameter at fault. */
public final class InvalidJobParameters extends RuntimeException {
    public record Problem(String parameter, String message) {
    }

    private final List<Problem> problems;

    public InvalidJobParameters(List<Problem> problems) {
        super(problems.stream().map(p -> p.parameter() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    public static InvalidJobParameters of(String parameter, String message) {
        return new InvalidJobParameters(List.of(new Problem(parameter, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
