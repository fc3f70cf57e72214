package ai.healthflow.adverseevent;

/** Body of {@code POST /api/v2/adverse-events/{id}/transitions}: the next status and why (required). */
public record TransitionRequest(String to, String comment) {
}
