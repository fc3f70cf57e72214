package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.ApiException;

import java.util.List;

/** A report is assessed only once every suspect medicine has a causality assessment. */
public final class AssessmentIncomplete extends ApiException {
    public AssessmentIncomplete(List<String> unassessed) {
        super(409, "assessment-incomplete", "Assessment incomplete",
                "Assess the causality of every suspect medicine first; missing: " + String.join(", ", unassessed) + ".");
    }
}
