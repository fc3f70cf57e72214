package ai.healthflow.report;

import ai.healthflow.platform.error.ApiException;

/** The file was deleted after the retention period. */
public final class ReportExpired extends ApiException {
    public ReportExpired() {
        super(410, "report-expired", "Report expired", "The report file was deleted after the retention period; request it again.");
    }
}
