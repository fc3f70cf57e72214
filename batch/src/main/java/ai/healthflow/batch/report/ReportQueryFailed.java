package ai.healthflow.batch.report;

/** A report's query failed or returned columns that do not fit the definition. */
public final class ReportQueryFailed extends RuntimeException {
    public ReportQueryFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public ReportQueryFailed(String message) {
        super(message);
    }
}
