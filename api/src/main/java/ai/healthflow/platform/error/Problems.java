package ai.healthflow.platform.error;

import ai.healthflow.platform.http.RequestIds;

import java.util.List;

/** Builds the problems for the HTTP-level failures, so the Jersey mapper and the servlet filters agree on them. */
public final class Problems {
    private Problems() {
    }

    public static Problem of(int status, String slug, String title, String detail, String instance,
                             List<FieldError> errors) {
        return new Problem(Problem.typeUri(slug), title, status, detail, instance, RequestIds.current(), errors);
    }

    public static Problem of(int status, String slug, String title, String detail, String instance,
                             List<FieldError> errors, java.util.Map<String, Object> extensions) {
        return new Problem(Problem.typeUri(slug), title, status, detail, instance, RequestIds.current(), errors,
                extensions);
    }

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return of(status, slug, title, detail, instance, List.of());
    }

    /** The standard problem for a bare HTTP status (used where nothing more specific is known). */
    public static Problem forStatus(int status, String detail, String instance) {
        return switch (status) {
            case 400 -> of(400, "bad-request", "Bad request", orDefault(detail, "The request could not be understood."), instance);
            case 401 -> of(401, "unauthenticated", "Authentication required", orDefault(detail, "A valid bearer token is required."), instance);
            case 403 -> of(403, "forbidden", "Forbidden", orDefault(detail, "You do not have permission for this action."), instance);
            case 404 -> of(404, "not-found", "Not found", orDefault(detail, "No resource exists at this address."), instance);
            case 405 -> of(405, "method-not-allowed", "Method not allowed", orDefault(detail, "This resource does not support that HTTP method."), instance);
            case 406 -> of(406, "not-acceptable", "Not acceptable", orDefault(detail, "This resource cannot produce the media type asked for in Accept."), instance);
            case 409 -> of(409, "conflict", "Conflict", orDefault(detail, "The request conflicts with the current state."), instance);
            case 413 -> of(413, "payload-too-large", "Payload too large", orDefault(detail, "The request body is larger than allowed."), instance);
            case 414 -> of(414, "uri-too-long", "URI too long", orDefault(detail, "The request URI is too long."), instance);
            case 415 -> of(415, "unsupported-media-type", "Unsupported media type", orDefault(detail, "This resource does not accept that Content-Type."), instance);
            case 422 -> of(422, "validation-failed", "Validation failed", orDefault(detail, "Some fields are invalid."), instance);
            case 429 -> of(429, "rate-limited", "Too many requests", orDefault(detail, "Slow down and retry after the time in Retry-After."), instance);
            case 431 -> of(431, "headers-too-large", "Request headers too large", orDefault(detail, "The request headers are larger than allowed."), instance);
            case 503 -> of(503, "unavailable", "Service unavailable", orDefault(detail, "The service cannot answer right now; retry shortly."), instance);
            default -> status >= 500
                    ? of(status, "internal-error", "Internal error", "An unexpected error occurred. Quote the request id when reporting it.", instance)
                    : of(status, "http-" + status, "HTTP " + status, orDefault(detail, "The request failed."), instance);
        };
    }

    private static String orDefault(String detail, String fallback) {
        return detail == null || detail.isBlank() ? fallback : detail;
    }
}
