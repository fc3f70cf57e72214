package ai.healthflow.batch.signal;

import java.util.List;

/**
 * Told about the new signals of a completed signal-detection run (the service implements it with its
 * notifications; batch writes no notification rows itself).
 *
 * <p>Called by the job's last step, after the run's results are committed, also when the run found no new signal.
 * A restarted step calls it again for the same run, so an implementation must tell each run at most once, for
 * example by claiming {@code signal_runs.notified_at} in the transaction that writes its notifications.
 */
@FunctionalInterface
public interface NewSignalsListener {
    /**
     * @param run the completed run, with how many new signals it found in all
     * @param top its new signals, most reports first, at most {@link SignalDetection#NOTIFY_TOP}
     */
    void newSignals(SignalRunSummary run, List<NewSignal> top);

    /** Tells nobody (for jobs run without the service, e.g. in tests and benchmarks). */
    NewSignalsListener NONE = (run, top) -> {
    };
}
