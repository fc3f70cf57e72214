package ai.healthflow.platform.error;

/** One invalid input: the field (JSON path, query or path parameter name) and what is wrong with it. */
public record FieldError(String field, String message) {
}
