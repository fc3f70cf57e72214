package ai.healthflow.batch.engine;

/** The same job with the same parameters is running now (here or on another replica). */
public final class JobAlreadyRunning extends RuntimeException {
    private final long executionId;

    public JobAlreadyRunning(String job, long executionId) {
        super("Job '" + job + "' with these parameters is already running as run " + executionId);
        this.executionId = executionId;
    }

    public long executionId() {
        return executionId;
    }
}
