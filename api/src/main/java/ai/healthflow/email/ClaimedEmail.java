package ai.healthflow.email;

import java.util.UUID;

/**
 * A message claimed for one delivery attempt (public only because JDBI maps it). {@code attempts} already counts
 * this attempt and fences the outcome: it is recorded only while the row still shows that number.
 */
public record ClaimedEmail(UUID id, String recipient, String subject, String bodyText, int attempts) {
    public OutgoingEmail outgoing() {
        return new OutgoingEmail(id, recipient, subject, bodyText);
    }
}
