package ai.healthflow.batch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job execution as clients see it: status, counts, timings and errors (first lines only, never stack traces).
 *
 * @param id         the execution id (the run id in the API)
 * @param instanceId the job instance: a restart continues the same instance in a new execution
 * @param status     STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED
 * @param restartOf  the execution this one resumed, or null for a first run
 * @param results    what the job reports about its work (counts, findings), from its steps
 */
public record JobRun(long id, long instanceId, String job, String status, String exitCode,
                     Map<String, String> parameters, Instant createdAt, Instant startedAt, Instant endedAt,
                     Long durationMs, Long restartOf, int stepsCompleted, long itemsRead, long itemsWritten,
                     List<Step> steps, Map<String, String> results, List<String> errors) {
    /** Step execution context entries with this prefix are a run's results, shown to clients. */
    public static final String RESULT_PREFIX = "result.";

    public boolean running() {
        return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
    }

    public record Step(String name, String status, long readCount, long writeCount, long commitCount,
                       long rollbackCount, long skipCount, Instant startedAt, Instant endedAt, Long durationMs) {
    }
}
