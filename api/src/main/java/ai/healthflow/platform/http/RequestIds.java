package ai.healthflow.platform.http;

import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id: taken from {@code X-Request-Id} when it is sane, generated otherwise; kept in the logging MDC. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String ATTRIBUTE = RequestIds.class.getName();

    // Anything else (spaces, quotes, newlines) could forge log lines or headers, so it is replaced.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String acceptOrGenerate(String incoming) {
        if (incoming != null && SAFE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request this thread is serving, or null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
