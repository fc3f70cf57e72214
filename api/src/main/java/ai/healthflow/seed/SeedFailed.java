package ai.healthflow.seed;

/** The seed cannot go on; the message says why and what to do, and is all the operator sees (no stack trace). */
public final class SeedFailed extends RuntimeException {
    public SeedFailed(String message) {
        super(message);
    }
}
