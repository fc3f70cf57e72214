package ai.healthflow.platform.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one way instants cross JDBC here: bound as {@link OffsetDateTime} in UTC (what the PostgreSQL driver maps to
 * {@code timestamptz} without reading the JVM's zone) and read back as {@link Instant}.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** {@code instant} as a {@code timestamptz} parameter. */
    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column, null when the column is. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
