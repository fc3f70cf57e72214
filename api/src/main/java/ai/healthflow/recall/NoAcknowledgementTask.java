package ai.healthflow.recall;

import ai.healthflow.platform.error.ApiException;

/** The caller's tenant has nothing to acknowledge: the recall is not active, or it was not sent to this tenant. */
public final class NoAcknowledgementTask extends ApiException {
    public NoAcknowledgementTask(String why) {
        super(409, "no-acknowledgement-task", "Nothing to acknowledge", why);
    }
}
