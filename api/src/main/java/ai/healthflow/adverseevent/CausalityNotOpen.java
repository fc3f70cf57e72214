package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.ApiException;

/** Causality is set while the report is under assessment, not before triage or after the assessment. */
public final class CausalityNotOpen extends ApiException {
    public CausalityNotOpen(String status) {
        super(409, "causality-not-open", "Not under assessment",
                "Causality is assessed while the report is under_assessment; it is " + status + ".");
    }
}
