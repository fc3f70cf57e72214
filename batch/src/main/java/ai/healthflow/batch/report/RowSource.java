package ai.healthflow.batch.report;

import java.io.IOException;

/**
 * A report's rows, pushed to a handler in order without holding them: a database cursor in production, a
 * generator in tests and benchmarks. Values per column type: text → String, integer → Long, decimal → BigDecimal,
 * date → LocalDate, timestamp → LocalDateTime (in the report's zone), boolean → Boolean; null when empty.
 */
@FunctionalInterface
public interface RowSource {
    /**
     * @return how many rows were handed over
     * @throws ReportQueryFailed when the database fails (the message says which report)
     */
    long forEach(RowHandler handler) throws IOException;
}
