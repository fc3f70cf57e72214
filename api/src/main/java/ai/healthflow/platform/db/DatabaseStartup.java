package ai.healthflow.platform.db;

import ai.healthflow.HealthFlowConfiguration;
import io.dropwizard.db.DataSourceFactory;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Resolves which PostgreSQL the service talks to: with {@code database.embedded} it starts the embedded server
 * (data under {@code HEALTHFLOW_HOME/postgres}) and points the pool at it; otherwise the configured URL is used.
 */
public final class DatabaseStartup {
    private DatabaseStartup() {
    }

    /** Starts the embedded server when configured and returns it, or null for an external server. */
    public static EmbeddedDatabase startEmbeddedIfConfigured(HealthFlowConfiguration config) {
        if (!config.database().embedded()) {
            return null;
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.home().resolve("postgres"),
                config.database().embeddedPort());
        DataSourceFactory dataSource = config.database().dataSource();
        dataSource.setUrl(embedded.jdbcUrl());
        dataSource.setUser(embedded.user());
        dataSource.setPassword("");
        return embedded;
    }

    /**
     * A plain (unpooled) data source that connects as the configured user without switching to the service's
     * role: migrations create and alter tables, which {@code healthflow_app} may not.
     */
    public static DataSource owner(DataSourceFactory factory) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(factory.getUrl());
        dataSource.setUser(factory.getUser());
        dataSource.setPassword(factory.getPassword());
        dataSource.setConnectTimeout(5);
        dataSource.setApplicationName("healthflow-migrations");
        return dataSource;
    }

    /**
     * For one-shot commands ({@code db migrate}, …): the embedded server, if any, is stopped when the JVM exits.
     */
    public static DataSourceFactory forCommand(HealthFlowConfiguration config) {
        EmbeddedDatabase embedded = startEmbeddedIfConfigured(config);
        if (embedded != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "embedded-postgres-stop"));
        }
        DataSourceFactory factory = config.database().dataSource();
        factory.setInitializationQuery(null); // db commands change the schema: they run as its owner
        return factory;
    }
}
