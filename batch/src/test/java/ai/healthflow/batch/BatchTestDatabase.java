package ai.healthflow.batch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One embedded PostgreSQL per test JVM with the Spring Batch schema and the engine's tables, applied from the same
 * files the service's migrations apply. Tests that need a connection string for another process use {@link #url}.
 */
public final class BatchTestDatabase {
    private static EmbeddedPostgres postgres;

    private BatchTestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
                try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                    c.createStatement().execute(resource("org/springframework/batch/core/schema-postgresql.sql"));
                    c.createStatement().execute(resource("ai/healthflow/batch/engine/engine-schema.sql"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return postgres.getPostgresDatabase();
    }

    public static String url() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public static void execute(String sql) {
        try (Connection c = dataSource().getConnection()) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long queryLong(String sql) {
        try (Connection c = dataSource().getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = BatchTestDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
