package ai.healthflow.push;

import java.util.Map;
import java.util.UUID;

/**
 * One push as the dispatcher hands it to a {@link PushSender}: the device's token, the title and body in the
 * device's language, and the data an app needs to open the notification.
 *
 * @param outboxId its {@code push_outbox} row
 * @param data     string values only (FCM's data map); keys without a value are left out
 */
public record PushMessage(UUID outboxId, String token, String title, String body, Map<String, String> data) {
    public PushMessage {
        data = Map.copyOf(data);
    }
}
