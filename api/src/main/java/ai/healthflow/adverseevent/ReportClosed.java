package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.ApiException;

/** A closed case takes no follow-up: report new information as a new case referring to it in the narrative. */
public final class ReportClosed extends ApiException {
    public ReportClosed(String caseNumber) {
        super(409, "report-closed", "Report closed",
                "Report " + caseNumber + " is closed and takes no follow-up; submit a new report.");
    }
}
