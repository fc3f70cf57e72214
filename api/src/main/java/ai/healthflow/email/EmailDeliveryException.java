package ai.healthflow.email;

/** A message could not be handed to the mail server; the dispatcher retries it later. The message is short. */
public final class EmailDeliveryException extends Exception {
    public EmailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
