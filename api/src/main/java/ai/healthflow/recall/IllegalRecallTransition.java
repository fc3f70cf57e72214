package ai.healthflow.recall;

import ai.healthflow.platform.error.ApiException;

/** The recall's current status does not allow this step (for example completing a draft). */
public final class IllegalRecallTransition extends ApiException {
    public IllegalRecallTransition(String from, String to) {
        super(409, "illegal-transition", "Illegal transition",
                "A " + from + " recall cannot become " + to + "; allowed: " + RecallWorkflow.allowedFrom(from) + ".");
    }
}
