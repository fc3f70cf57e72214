package ai.healthflow.batch.report;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one report in one format from a row stream, holding only a bounded window of rows in memory. */
public interface ReportRenderer {
    /**
     * @param out written to and flushed, not closed
     * @return how many data rows were written
     */
    long render(ReportContext context, RowSource rows, OutputStream out) throws IOException;

    static ReportRenderer of(ReportFormat format) {
        return switch (format) {
            case XLSX -> new XlsxReportRenderer();
            case PDF -> new PdfReportRenderer(ReportFonts.packaged());
            case CSV -> new CsvReportRenderer();
        };
    }
}
