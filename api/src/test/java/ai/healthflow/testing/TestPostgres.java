package ai.healthflow.testing;

import ai.healthflow.platform.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server per test JVM, and a fresh, fully migrated database per test class in about 100 ms: the
 * migrations run once into a template database, and each test database is a {@code CREATE DATABASE … TEMPLATE}
 * copy of it.
 *
 * <p>Which server: {@code HEALTHFLOW_TEST_JDBC_URL} (with {@code _USER}/{@code _PASSWORD}) when set, as an
 * environment variable or system property; Testcontainers when {@code HEALTHFLOW_TEST_DB=testcontainers}
 * (needs Docker); otherwise the embedded io.zonky PostgreSQL.
 */
public final class TestPostgres {
    private static final String PREFIX = "hf_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TEMPLATE = PREFIX + "_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static Server server;

    private TestPostgres() {
    }

    /** Connection details of one test database. */
    public record Database(String url, String user, String password, String name) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** A data source without a pool, connecting as this database's owner. */
        public PGSimpleDataSource dataSource() {
            var dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }
    }

    private record Server(String adminUrl, String user, String password) {
        String urlFor(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String params = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
        }
    }

    /** A new database with every migration applied. */
    public static synchronized Database freshDatabase() {
        Server s = server();
        String name = PREFIX + "_" + COUNTER.incrementAndGet();
        execute(s, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        CREATED.add(name);
        return new Database(s.urlFor(name), s.user(), s.password(), name);
    }

    /** A new database with nothing in it (for migration tests). */
    public static synchronized Database emptyDatabase() {
        Server s = server();
        String name = PREFIX + "_empty_" + COUNTER.incrementAndGet();
        execute(s, "CREATE DATABASE " + name);
        CREATED.add(name);
        return new Database(s.urlFor(name), s.user(), s.password(), name);
    }

    private static Server server() {
        if (server == null) {
            server = start();
            execute(server, "CREATE DATABASE " + TEMPLATE);
            CREATED.add(TEMPLATE);
            new Migrations(new Database(server.urlFor(TEMPLATE), server.user(), server.password(), TEMPLATE).dataSource())
                    .migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "test-db-cleanup"));
        }
        return server;
    }

    private static Server start() {
        String url = setting("HEALTHFLOW_TEST_JDBC_URL");
        if (url != null) {
            return new Server(url, setting("HEALTHFLOW_TEST_JDBC_USER"), setting("HEALTHFLOW_TEST_JDBC_PASSWORD"));
        }
        String kind = setting("HEALTHFLOW_TEST_DB");
        if (kind != null && kind.toLowerCase(Locale.ROOT).equals("testcontainers")) {
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-db-container-stop"));
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off") // test data need not survive a power cut
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "test-db-stop"));
            return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    private static void dropCreated() {
        // only matters on a shared external server; the embedded one is thrown away anyway
        if (setting("HEALTHFLOW_TEST_JDBC_URL") == null) {
            return;
        }
        for (String name : CREATED.reversed()) {
            try {
                execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static void execute(Server s, String sql) {
        try (Connection connection = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + sql, e);
        }
    }

    static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
