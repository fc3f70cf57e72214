package ai.healthflow.batch.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL with the service's schema, for the batch module's tests: one embedded server per test JVM,
 * the service's own Liquibase changelog ({@code api/src/main/resources/db/changelog.xml}, read from the source tree
 * because batch cannot depend on api) applied once into a template, and a fresh copy of it per test class.
 */
public final class ServiceDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private ServiceDatabase() {
    }

    /** A new database with every migration of the service applied, owned by the superuser {@code postgres}. */
    public static synchronized PGSimpleDataSource fresh() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off") // test data need not survive a power cut
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("max_connections", "100")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(ServiceDatabase::stop, "batch-test-db-stop"));
                execute("CREATE DATABASE service_template");
                migrate(dataSource("service_template"));
            }
            String name = "service_" + COUNTER.incrementAndGet();
            execute("CREATE DATABASE " + name + " TEMPLATE service_template");
            return dataSource(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PGSimpleDataSource dataSource(String database) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server.getJdbcUrl("postgres", database));
        dataSource.setUser("postgres");
        return dataSource;
    }

    /** Applies the service's changelog to the database (also used by the signal benchmark). */
    public static void migrate(javax.sql.DataSource dataSource) {
        Path resources = serviceResources();
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            var accessor = new CompositeResourceAccessor(new DirectoryResourceAccessor(resources),
                    new ClassLoaderResourceAccessor());
            new Liquibase("db/changelog.xml", accessor, database).update(new Contexts(), new LabelExpression());
        } catch (Exception e) {
            throw new IllegalStateException("Could not migrate the test database from " + resources, e);
        }
    }

    /** The service's resources in the source tree (tests run with the module directory as working directory). */
    private static Path serviceResources() {
        for (Path candidate : new Path[]{Path.of("../api/src/main/resources"), Path.of("api/src/main/resources")}) {
            if (Files.isRegularFile(candidate.resolve("db/changelog.xml"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("api/src/main/resources/db/changelog.xml not found from " + Path.of("").toAbsolutePath());
    }

    private static void execute(String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the JVM is ending
        }
    }
}
