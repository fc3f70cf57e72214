package ai.healthflow.interaction;

import java.util.List;

/**
 * The answer of an interaction import: what happened to each row. Valid rows are imported (or, with
 * {@code dryRun}, would be); rejected rows are not, each problem with its line, column and reason.
 */
public record InteractionImportReport(boolean dryRun, Counts counts, List<RowOutcome> created, List<RowOutcome> updated,
                                      List<RowOutcome> unchanged, List<Rejection> rejected) {

    /** {@code rejected} counts rows; a row may have several entries in {@link #rejected()}. */
    public record Counts(int rows, int created, int updated, int unchanged, int rejected) {
    }

    /** @param ingredients the pair as written in the file (lowercased) */
    public record RowOutcome(int line, List<String> ingredients) {
    }

    /** @param line as a spreadsheet shows it (the header is line 1) */
    public record Rejection(int line, String column, String reason) {
    }
}
