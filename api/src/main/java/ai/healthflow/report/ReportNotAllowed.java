package ai.healthflow.report;

import ai.healthflow.platform.error.ApiException;

/** The caller holds neither the report's permission nor its tenant form. */
public final class ReportNotAllowed extends ApiException {
    public ReportNotAllowed(String type, String permission) {
        super(403, "forbidden", "Forbidden", "The report '" + type + "' needs the permission " + permission
                + " (or tenant:" + permission + " for your own tenant's data).");
    }
}
