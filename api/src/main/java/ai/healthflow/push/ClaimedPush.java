package ai.healthflow.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A push claimed for one delivery attempt, with what it says (public only because JDBI maps it). {@code attempts}
 * already counts this attempt and fences the outcome. {@code token} and {@code language} are null when the device
 * was removed after the push was created.
 */
public record ClaimedPush(UUID id, int attempts, UUID deviceId, String token, String language, UUID notificationId,
                          String kind, String titleEn, String titleAr, String bodyEn, String bodyAr,
                          String subjectType, UUID subjectId) {

    /**
     * Longest body sent, in characters: FCM refuses messages over 4 KB and Arabic takes two bytes a character.
     * Phones show a few lines anyway; the app opens the whole notification from the inbox.
     */
    static final int MAX_BODY = 1000;

    boolean deviceGone() {
        return token == null;
    }

    PushMessage message() {
        boolean arabic = "ar".equals(language);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("notificationId", notificationId.toString());
        data.put("kind", kind);
        if (subjectType != null) {
            data.put("subjectType", subjectType);
        }
        if (subjectId != null) {
            data.put("subjectId", subjectId.toString());
        }
        return new PushMessage(id, token, arabic ? titleAr : titleEn, shorten(arabic ? bodyAr : bodyEn), data);
    }

    static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_BODY) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_BODY - 1)) + "…";
    }
}
