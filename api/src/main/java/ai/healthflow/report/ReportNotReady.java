package ai.healthflow.report;

import ai.healthflow.platform.error.ApiException;

/** The file is not there yet (queued, running) or never will be (failed). */
public final class ReportNotReady extends ApiException {
    public ReportNotReady(String status) {
        super(409, "report-not-ready", "Report not ready", "The report is " + status
                + (status.equals("failed") ? "; request it again." : "; try again when its status is completed."));
    }
}
