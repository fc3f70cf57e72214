package ai.healthflow.batch.engine;

import java.time.Duration;

/**
 * How the engine behaves on this process.
 *
 * @param owner          names this process in the run-owner and schedule tables (host, pid, a random part)
 * @param heartbeatEvery how often this process confirms it still runs its executions
 * @param staleAfter     an execution still marked running whose owner has not beaten for this long is taken as
 *                       dead (killed process) and is recovered so it can be restarted; several heartbeats long
 * @param concurrentRuns how many job executions this process runs at once; more wait their turn
 * @param partitions     threads for partitioned steps (one per core by default)
 */
public record BatchSettings(String owner, Duration heartbeatEvery, Duration staleAfter, int concurrentRuns,
                            int partitions) {
    public BatchSettings {
        if (staleAfter.compareTo(heartbeatEvery.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("staleAfter must be at least two heartbeats");
        }
        if (concurrentRuns < 1 || partitions < 1) {
            throw new IllegalArgumentException("concurrentRuns and partitions must be positive");
        }
    }

    public static BatchSettings defaults(String owner) {
        return new BatchSettings(owner, Duration.ofSeconds(5), Duration.ofSeconds(30), 2,
                Runtime.getRuntime().availableProcessors());
    }
}
