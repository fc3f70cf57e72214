package ai.healthflow.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * An RFC 9457 problem detail, the only error body the service sends. {@code detail} is written for the client and
 * never carries exception or SQL text.
 */
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore java.util.Map<String, Object> extensions) {

    public Problem(String type, String title, int status, String detail, String instance, String requestId,
                   List<FieldError> errors) {
        this(type, title, status, detail, instance, requestId, errors, java.util.Map.of());
    }

    /** RFC 9457 extension members a failure adds next to the standard ones (e.g. the findings that block a change). */
    @com.fasterxml.jackson.annotation.JsonAnyGetter
    public java.util.Map<String, Object> extensionMembers() {
        return extensions;
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://healthflow.ai/problems/";

    public static String typeUri(String slug) {
        return TYPE_BASE + slug;
    }
}
