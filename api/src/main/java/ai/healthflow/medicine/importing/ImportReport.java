package ai.healthflow.medicine.importing;

import java.util.List;

/**
 * The answer of an import: what happened to each row. Valid rows are imported (or, with {@code dryRun}, would be);
 * rejected rows are not, each with the column at fault and why.
 */
public record ImportReport(boolean dryRun, Counts counts, List<RowOutcome> created, List<RowOutcome> updated,
                           List<RowOutcome> unchanged, List<Rejection> rejected) {

    public record Counts(int rows, int created, int updated, int unchanged, int rejected) {
    }

    public record RowOutcome(int line, String registrationNo) {
    }

    public record Rejection(int line, String registrationNo, String column, String reason) {
    }
}
