package ai.healthflow.email;

import java.util.UUID;

/** One message as the dispatcher hands it to an {@link EmailSender}; {@code id} is its {@code email_outbox} row. */
public record OutgoingEmail(UUID id, String recipient, String subject, String bodyText) {
}
