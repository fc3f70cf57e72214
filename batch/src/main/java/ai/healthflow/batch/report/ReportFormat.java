package ai.healthflow.batch.report;

import java.util.Arrays;
import java.util.Optional;

/** The file formats a report renders to, with their media type and file extension. */
public enum ReportFormat {
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PDF("pdf", "application/pdf"),
    CSV("csv", "text/csv; charset=UTF-8");

    private final String code;
    private final String contentType;

    ReportFormat(String code, String contentType) {
        this.code = code;
        this.contentType = contentType;
    }

    /** The format's name in definitions and requests, also the file extension. */
    public String code() {
        return code;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ReportFormat> parse(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
