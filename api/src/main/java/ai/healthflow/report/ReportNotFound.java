package ai.healthflow.report;

import ai.healthflow.platform.error.ApiException;

/** No report request with this id among the caller's. */
public final class ReportNotFound extends ApiException {
    public ReportNotFound() {
        super(404, "not-found", "Not found", "No such report request.");
    }
}
