package ai.healthflow.batch.report;

import java.io.IOException;

/** Receives a report's rows one at a time, typed as the columns say (see {@link ReportQuery}). */
@FunctionalInterface
public interface RowHandler {
    /** @param values one value per column, in column order; keep no reference to it after the call */
    void row(Object[] values) throws IOException;
}
