package ai.healthflow.adverseevent;

import ai.healthflow.platform.error.ApiException;

/** The workflow moves one step at a time: submitted → triaged → under_assessment → assessed → closed. */
public final class IllegalStatusTransition extends ApiException {
    public IllegalStatusTransition(String from, String to) {
        super(409, "illegal-transition", "Illegal status transition",
                "A report that is " + from + " cannot move to " + to + "; "
                        + (from.equals(AdverseEventStatus.CLOSED) ? "it is closed."
                        : "its next status is " + AdverseEventStatus.ALL.get(AdverseEventStatus.ALL.indexOf(from) + 1) + "."));
    }
}
