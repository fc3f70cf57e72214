package ai.healthflow.notification;

import ai.healthflow.platform.db.FeedPosition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A stored notification with both languages and its place in the feed. */
record NotificationRow(UUID id, FeedPosition position, String kind, String titleEn, String titleAr, String bodyEn,
                       String bodyAr, String subjectType, UUID subjectId, Instant createdAt, Instant readAt) {

    static final String COLUMNS = "id, " + FeedPosition.COLUMNS
            + ", kind, title_en, title_ar, body_en, body_ar, subject_type, subject_id, created_at, read_at";

    static NotificationRow map(ResultSet rs) throws SQLException {
        var readAt = rs.getObject("read_at", java.time.OffsetDateTime.class);
        return new NotificationRow(rs.getObject("id", UUID.class), FeedPosition.of(rs), rs.getString("kind"),
                rs.getString("title_en"), rs.getString("title_ar"), rs.getString("body_en"), rs.getString("body_ar"),
                rs.getString("subject_type"), rs.getObject("subject_id", UUID.class),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                readAt == null ? null : readAt.toInstant());
    }

    NotificationView in(Language language) {
        boolean arabic = language == Language.AR;
        return new NotificationView(id, kind, arabic ? titleAr : titleEn, arabic ? bodyAr : bodyEn, language.tag(),
                subjectType, subjectId, readAt != null, readAt, createdAt, position.token());
    }
}
