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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://healthflow.ai/problems/";

    public static String typeUri(String slug) {
        return TYPE_BASE + slug;
    }
}
