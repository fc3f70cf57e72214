package ai.healthflow.platform.db;

import ai.healthflow.platform.error.InvalidParameter;

/**
 * A reader's position in a table read in commit order (a change feed: outboxes, notification streams).
 *
 * <p>Sequence numbers alone are not commit order: a transaction that took number 10 may commit after one that
 * took 11, and a reader that moved past 11 would never see 10. So feed rows also carry the id of the transaction
 * that wrote them ({@code xact_id xid8 NOT NULL DEFAULT pg_current_xact_id()}), and readers take only rows of
 * transactions older than every transaction still running ({@code pg_snapshot_xmin}): those are final. Any row
 * committed later belongs to a transaction at or above that bound, so it sorts after every row already read.
 * Rows are read in {@code (xact_id, seq)} order and the position is the last pair read.
 *
 * <p>Use {@link #AFTER} in the WHERE clause and {@link #ORDER} as the ORDER BY, binding {@link #bind} values.
 */
public record FeedPosition(long xact, long seq) implements Comparable<FeedPosition> {
    public static final FeedPosition START = new FeedPosition(0, 0);

    /** Rows after the position whose transactions are final. Binds {@code :feedXact} and {@code :feedSeq}. */
    public static final String AFTER = "(xact_id, seq) > (CAST(CAST(:feedXact AS text) AS xid8), :feedSeq)"
            + " AND xact_id < pg_snapshot_xmin(pg_current_snapshot())";
    public static final String ORDER = "xact_id, seq";
    /** Select this to map a row's position with {@link #of}. */
    public static final String COLUMNS = "CAST(CAST(xact_id AS text) AS bigint) AS feed_xact, seq AS feed_seq";

    public FeedPosition {
        if (xact < 0 || seq < 0) {
            throw new IllegalArgumentException("negative feed position");
        }
    }

    public static FeedPosition of(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new FeedPosition(rs.getLong("feed_xact"), rs.getLong("feed_seq"));
    }

    /** The text form clients echo back (SSE {@code Last-Event-ID}): {@code <xact>-<seq>}. */
    public String token() {
        return xact + "-" + seq;
    }

    /** @throws InvalidParameter for text that is not a token from {@link #token()} */
    public static FeedPosition parse(String parameter, String token) {
        int dash = token == null ? -1 : token.indexOf('-');
        try {
            if (dash > 0) {
                return new FeedPosition(Long.parseLong(token.substring(0, dash)), Long.parseLong(token.substring(dash + 1)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as any other malformed token
        }
        throw new InvalidParameter(parameter, "must be an event id received from this stream");
    }

    public <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement) {
        return statement.bind("feedXact", xact).bind("feedSeq", seq);
    }

    @Override
    public int compareTo(FeedPosition other) {
        int byXact = Long.compare(xact, other.xact);
        return byXact != 0 ? byXact : Long.compare(seq, other.seq);
    }
}
