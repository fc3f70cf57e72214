package ai.healthflow.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as a client shows it, in the language it asked for.
 *
 * @param eventId the notification's place in the real-time stream: resume the stream after it with Last-Event-ID
 */
public record NotificationView(UUID id, String kind, String title, String body, String language, String subjectType,
                               UUID subjectId, boolean read, Instant readAt, Instant createdAt, String eventId) {
}
