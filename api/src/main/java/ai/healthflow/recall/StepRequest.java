package ai.healthflow.recall;

/** An optional comment on a workflow step (required when cancelling). */
public record StepRequest(String comment) {
}
