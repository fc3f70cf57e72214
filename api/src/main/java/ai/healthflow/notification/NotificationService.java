package ai.healthflow.notification;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.FeedPosition;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.utc;

/** A user's own notifications: list, mark read or unread, read all, and the rows after a stream position. */
public final class NotificationService {
    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public NotificationService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Newest first; only unread ones when {@code unreadOnly}. */
    public Page<NotificationView> list(Caller caller, boolean unreadOnly, PageRequest page, Language language) {
        String where = "user_id = :user" + (unreadOnly ? " AND read_at IS NULL" : "");
        return db.inTenant(caller.tenantId(), handle -> {
            long total = handle.createQuery("SELECT count(*) FROM notifications WHERE " + where)
                    .bind("user", caller.userId()).mapTo(Long.class).one();
            List<NotificationView> items = handle.createQuery("SELECT " + NotificationRow.COLUMNS
                            + " FROM notifications WHERE " + where
                            + " ORDER BY created_at DESC, seq DESC LIMIT :limit OFFSET :offset")
                    .bind("user", caller.userId())
                    .bind("limit", page.size())
                    .bind("offset", page.offset())
                    .map((rs, ctx) -> NotificationRow.map(rs).in(language))
                    .list();
            return new Page<>(items, page, total);
        });
    }

    public NotificationView markRead(Actor actor, UUID id, boolean read, Language language) {
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            NotificationRow row = handle.createQuery("UPDATE notifications SET read_at = "
                            + (read ? "coalesce(read_at, :now)" : "NULL")
                            + " WHERE id = :id AND user_id = :user RETURNING " + NotificationRow.COLUMNS)
                    .bind("now", utc(clock.instant()))
                    .bind("id", id)
                    .bind("user", caller.userId())
                    .map((rs, ctx) -> NotificationRow.map(rs))
                    .findOne()
                    .orElseThrow(NotificationNotFound::new);
            audit.record(handle, actor, AuditEvent.of(read ? "notification.read" : "notification.unread",
                    "notification", id, caller.tenantId()));
            return row.in(language);
        });
    }

    /** @return how many were unread */
    public int readAll(Actor actor) {
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            int marked = handle.createUpdate("UPDATE notifications SET read_at = :now WHERE user_id = :user AND read_at IS NULL")
                    .bind("now", utc(clock.instant()))
                    .bind("user", caller.userId())
                    .execute();
            audit.record(handle, actor, AuditEvent.of("notification.read_all", "user", caller.userId(),
                    caller.tenantId()).withChanges(Map.of("marked", marked)));
            return marked;
        });
    }

    /** Up to {@code limit} of the user's notifications after {@code position}, in commit order (final ones only). */
    List<NotificationRow> after(UUID tenantId, UUID userId, FeedPosition position, int limit) {
        return db.inTenant(tenantId, handle -> position.bind(handle.createQuery("SELECT " + NotificationRow.COLUMNS
                                + " FROM notifications WHERE user_id = :user AND " + FeedPosition.AFTER
                                + " ORDER BY " + FeedPosition.ORDER + " LIMIT :limit"))
                .bind("user", userId)
                .bind("limit", limit)
                .map((rs, ctx) -> NotificationRow.map(rs))
                .list());
    }

    /** Where a new stream starts when the client has no last event id: after everything final now. */
    FeedPosition latest(UUID tenantId, UUID userId) {
        return db.inTenant(tenantId, handle -> handle.createQuery("SELECT " + FeedPosition.COLUMNS
                        + " FROM notifications WHERE user_id = :user AND xact_id < pg_snapshot_xmin(pg_current_snapshot())"
                        + " ORDER BY xact_id DESC, seq DESC LIMIT 1")
                .bind("user", userId)
                .map((rs, ctx) -> FeedPosition.of(rs))
                .findOne()
                .orElse(FeedPosition.START));
    }
}
