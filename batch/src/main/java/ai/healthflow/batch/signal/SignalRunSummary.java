package ai.healthflow.batch.signal;

import java.time.Instant;

/**
 * One run of signal detection.
 *
 * @param asOf        reports and follow-ups received up to this instant were counted
 * @param completedAt null while the run is not completed
 * @param reports     N, the reports counted
 * @param pairs       (ingredient, reaction) pairs with at least one report
 * @param signals     pairs flagged by either criterion
 * @param newSignals  signals that were not signals in the previous completed run (all of them in the first run)
 * @param previousRunId the completed run compared with, or null
 */
public record SignalRunSummary(long runId, Instant asOf, Instant completedAt, long reports, long pairs, long signals,
                               long newSignals, Long previousRunId) {
}
