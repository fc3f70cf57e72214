package ai.healthflow.batch.safety;

import ai.healthflow.batch.report.ParameterValues;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.batch.report.ReportFormat;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.batch.report.ReportWriter;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one month's safety summary: the {@code safety-summary} report for every tenant, rendered as PDF in English
 * and in Arabic through the same path as requested reports ({@link ReportWriter}: one report transaction, a
 * temporary file moved over the month's file), so a rerun of a month replaces exactly its two files.
 */
public final class SafetySummary {
    /** The report definition the summary renders. */
    public static final String REPORT = "safety-summary";

    /**
     * What was written.
     *
     * @param rows the rows of the English file (both render the same query; the Arabic one reads a moment later)
     */
    public record Result(YearMonth month, Grouping grouping, long rows, Instant generatedAt,
                         List<SafetySummaryFiles.Summary> files) {
        public Result {
            files = List.copyOf(files);
        }
    }

    private final ReportDefinition definition;
    private final SafetySummaryFiles files;
    private final ReportWriter writer;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param zone     the reports' zone: the month is a calendar month there
     * @param readRole the role the query reads as (row-level security as a second wall), or null
     */
    public SafetySummary(DataSource dataSource, ReportDefinition definition, SafetySummaryFiles files, Clock clock,
                         ZoneId zone, String readRole) {
        this.definition = definition;
        this.files = files;
        this.writer = new ReportWriter(dataSource, zone, readRole);
        this.clock = clock;
        this.zone = zone;
    }

    public Result write(YearMonth month, Grouping grouping) throws IOException {
        ParameterValues parameters = ParameterValues.resolve(definition,
                Map.of("month", month.toString(), "groupBy", grouping.code()), LocalDate.now(clock.withZone(zone)));
        Instant generatedAt = clock.instant();
        List<SafetySummaryFiles.Summary> written = new ArrayList<>();
        long rows = -1;
        for (ReportLanguage language : ReportLanguage.values()) {
            ReportWriter.Written file = writer.write(definition, parameters, null, ReportWriter.ALL_TENANTS,
                    ReportFormat.PDF, language, generatedAt, files.file(month, grouping, language),
                    ReportWriter.Progress.NONE);
            rows = rows < 0 ? file.rows() : rows;
            written.add(new SafetySummaryFiles.Summary(month, grouping, language, file.file(), file.sizeBytes(),
                    generatedAt));
        }
        return new Result(month, grouping, rows, generatedAt, written);
    }
}
