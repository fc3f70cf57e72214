package ai.healthflow.prescription;

public record CancelRequest(String reason) {
}
