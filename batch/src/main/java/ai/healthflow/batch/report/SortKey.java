package ai.healthflow.batch.report;

/** One key of a report's default order: a column field, ascending or descending. */
public record SortKey(String field, boolean descending) {
}
