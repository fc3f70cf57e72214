package ai.healthflow.notification;

import jakarta.validation.constraints.NotNull;

/** {@code {"read": true}} marks a notification read, {@code false} unread again. */
public record ReadStateRequest(@NotNull Boolean read) {
}
