package ai.healthflow.platform.error;

import java.util.List;
import java.util.Map;

/**
 * Base of every domain failure. Subclasses are small and final (one per failure) and fix the status, the problem
 * type and the title; the detail is a sentence for the client.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;

    protected ApiException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    protected ApiException(int status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** RFC 9457 extension members for the problem body (e.g. findings to act on); none by default. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** Response headers the failure needs (e.g. {@code Retry-After}); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
