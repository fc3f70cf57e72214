package ai.healthflow.push;

import java.time.Duration;

/** What became of one send, as the dispatcher acts on it. Reasons are one short line for {@code last_error}. */
public sealed interface PushResult {

    /** The provider accepted the message; {@code providerId} is its message name, or null. */
    record Delivered(String providerId) implements PushResult {
    }

    /** The token is no longer valid (app uninstalled, token rotated, malformed): remove the device. */
    record TokenRejected(String reason) implements PushResult {
    }

    /** The provider refused this message for good (e.g. an invalid payload): fail the push, keep the device. */
    record Rejected(String reason) implements PushResult {
    }

    /**
     * Try again later (throttled, provider unavailable, network): counts as an attempt.
     *
     * @param retryAfter how long the provider asked us to wait, or null
     */
    record RetryLater(String reason, Duration retryAfter) implements PushResult {
    }

    /**
     * The provider refused our credentials or project (401, 403, unknown project): nothing is wrong with the push,
     * so the attempt is not counted; delivery pauses and an operator must look.
     */
    record CredentialsRefused(String reason) implements PushResult {
    }
}
