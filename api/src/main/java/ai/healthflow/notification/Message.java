package ai.healthflow.notification;

import java.util.Objects;
import java.util.UUID;

/**
 * What a notification says, in both languages, and what it is about (so a client can open it).
 *
 * @param kind        dotted lowercase name, e.g. {@code recall.activated}
 * @param subjectType the kind of object it is about ({@code recall}), or null
 * @param subjectId   that object's id, or null
 */
public record Message(String kind, String titleEn, String titleAr, String bodyEn, String bodyAr,
                      String subjectType, UUID subjectId) {
    public Message {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(titleEn, "titleEn");
        Objects.requireNonNull(titleAr, "titleAr");
        Objects.requireNonNull(bodyEn, "bodyEn");
        Objects.requireNonNull(bodyAr, "bodyAr");
    }
}
