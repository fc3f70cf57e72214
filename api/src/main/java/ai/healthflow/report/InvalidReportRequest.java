package ai.healthflow.report;

import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;

import java.util.List;

/** The request names an unknown report, format, language or parameter, or a wrong value: 400 naming each field. */
public final class InvalidReportRequest extends ApiException {
    public InvalidReportRequest(List<FieldError> errors) {
        super(400, "invalid-report-request", "Invalid report request",
                "Some fields of the report request are invalid; see errors.", errors);
    }
}
