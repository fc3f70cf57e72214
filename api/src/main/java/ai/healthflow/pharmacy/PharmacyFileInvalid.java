package ai.healthflow.pharmacy;

import ai.healthflow.pharmacy.PharmacyDirectoryFile.Problem;

import java.nio.file.Path;
import java.util.List;

/** A pharmacy directory file that cannot be imported; the message lists every problem with its line and column. */
public final class PharmacyFileInvalid extends RuntimeException {
    private static final int LISTED = 50;
    private final transient List<Problem> problems;

    public PharmacyFileInvalid(Path file, List<Problem> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(Path file, List<Problem> problems) {
        var text = new StringBuilder(file + ": ");
        text.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                .append(", nothing of the file was imported");
        problems.stream().limit(LISTED).forEach(problem -> text.append("\n  ").append(problem));
        if (problems.size() > LISTED) {
            text.append("\n  … and ").append(problems.size() - LISTED).append(" more");
        }
        return text.toString();
    }
}
