package ai.healthflow.push;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v2/devices}.
 *
 * @param platform {@code ios}, {@code android} or {@code web}
 * @param token    the FCM registration token the app received; printable ASCII without spaces
 * @param language {@code en} or {@code ar}: the language of the pushes; absent keeps the device's current one
 *                 ({@code en} for a new device)
 */
public record RegisterDeviceRequest(
        @NotNull @Pattern(regexp = "ios|android|web", message = "must be one of ios, android, web") String platform,
        @NotNull @Size(min = RegisterDeviceRequest.MIN_TOKEN, max = RegisterDeviceRequest.MAX_TOKEN)
        @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces") String token,
        @Pattern(regexp = "en|ar", message = "must be one of en, ar") String language) {

    /** FCM tokens are about 150–200 characters; anything this short is not one. */
    static final int MIN_TOKEN = 32;
    static final int MAX_TOKEN = 4096;
}
