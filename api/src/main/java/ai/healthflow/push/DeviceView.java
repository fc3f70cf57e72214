package ai.healthflow.push;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered device as its owner sees it. The token itself is not shown, only its last characters, so a client
 * can tell which entry is the device it runs on.
 */
public record DeviceView(UUID id, String platform, String language, String tokenSuffix, Instant createdAt,
                         Instant lastSeenAt) {
}
