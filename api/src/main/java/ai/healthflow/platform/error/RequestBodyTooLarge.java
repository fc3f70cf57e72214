package ai.healthflow.platform.error;

import java.io.IOException;

/**
 * Thrown from the request body stream once more bytes arrive than {@code http.maxRequestBody} allows. An
 * {@link IOException} so that readers (Jackson, Jersey) propagate it; the mapper finds it in the cause chain.
 */
public final class RequestBodyTooLarge extends IOException {
    private final long limitBytes;

    public RequestBodyTooLarge(long limitBytes) {
        super("request body larger than " + limitBytes + " bytes", null);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
