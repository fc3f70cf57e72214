package ai.healthflow.report.schedule;

import ai.healthflow.platform.error.ApiException;

/** No report schedule with this id among the caller's. */
public final class ReportScheduleNotFound extends ApiException {
    public ReportScheduleNotFound() {
        super(404, "not-found", "Not found", "No such report schedule.");
    }
}
