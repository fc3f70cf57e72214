package ai.healthflow.batch.safety;

/**
 * Told when a month's safety summary has been written (the service implements it with notifications to the
 * regulator's officers; batch writes no notification rows itself). A restarted run tells it again.
 */
@FunctionalInterface
public interface SafetySummaryListener {
    void ready(SafetySummary.Result result);

    /** Tells nobody (for jobs run without the service). */
    SafetySummaryListener NONE = result -> {
    };
}
