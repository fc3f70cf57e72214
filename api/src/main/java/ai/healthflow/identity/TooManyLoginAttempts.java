package ai.healthflow.identity;

import ai.healthflow.platform.error.ApiException;

import java.util.Map;

/** Over the login rate limit for this address or this email. */
public final class TooManyLoginAttempts extends ApiException {
    private final long retryAfterSeconds;

    public TooManyLoginAttempts(long retryAfterSeconds) {
        super(429, "rate-limited", "Too many requests",
                "Too many sign-in attempts; retry in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
