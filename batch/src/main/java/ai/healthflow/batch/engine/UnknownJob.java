package ai.healthflow.batch.engine;

/** No job of this name is registered with the engine. */
public final class UnknownJob extends RuntimeException {
    public UnknownJob(String name) {
        super("No batch job named '" + name + "'");
    }
}
