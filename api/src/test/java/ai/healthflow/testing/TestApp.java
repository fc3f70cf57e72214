package ai.healthflow.testing;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The whole application on {@code config/test.yml}, with its own fresh database and home directory. The database
 * is created lazily, when the extension starts the application.
 */
public final class TestApp {
    private TestApp() {
    }

    /** The running application plus direct (superuser) access to its database, for setup and inspection. */
    public static final class Extension extends DropwizardAppExtension<HealthFlowConfiguration> {
        private final Supplier<TestPostgres.Database> database;

        Extension(Supplier<TestPostgres.Database> database, ConfigOverride... overrides) {
            super(HealthFlowApplication.class, configFile("test.yml").toString(), overrides);
            this.database = database;
        }

        public TestPostgres.Database database() {
            return database.get();
        }

        /** A connection as the database superuser: row-level security and grants do not apply. */
        public Connection superuser() throws SQLException {
            return database.get().connect();
        }

        public Http http() {
            return new Http(getLocalPort());
        }

        /** The single number a counting query returns, read as the superuser. */
        public long count(String sql) throws SQLException {
            try (Connection connection = superuser(); var rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public static Path configFile(String name) {
        String dir = System.getProperty("healthflow.config.dir", "../config");
        return Path.of(dir, name).toAbsolutePath().normalize();
    }

    public static Extension create(ConfigOverride... extra) {
        Supplier<TestPostgres.Database> database = memoize(TestPostgres::freshDatabase);
        return new Extension(database, withDatabase(database, extra));
    }

    private static ConfigOverride[] withDatabase(Supplier<TestPostgres.Database> database, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("home", () -> tempHome().toString()),
                ConfigOverride.config("database.dataSource.url", () -> database.get().url()),
                ConfigOverride.config("database.dataSource.user", () -> database.get().user()),
                ConfigOverride.config("database.dataSource.password", () -> nullToEmpty(database.get().password()))));
        overrides.addAll(List.of(extra));
        return overrides.toArray(ConfigOverride[]::new);
    }

    /**
     * Another instance of the application on {@code first}'s database, with a home (and so a search index) of its
     * own: a second replica behind the same load balancer.
     */
    public static Extension replicaOf(Extension first, ConfigOverride... extra) {
        Supplier<TestPostgres.Database> database = first.database;
        ConfigOverride[] overrides = withDatabase(database, extra);
        for (int i = 0; i < overrides.length; i++) {
            overrides[i] = clearedAfterwards(overrides[i]);
        }
        return new Extension(database, overrides);
    }

    /**
     * Dropwizard's overrides are system properties, and removing one restores the value it found. A replica starts
     * while the first instance's overrides are set, so it would restore (and leave behind, for every later test
     * class) the first one's values. This removes what the override itself changed instead; values it found equal
     * stay for the first instance to remove.
     */
    private static ConfigOverride clearedAfterwards(ConfigOverride override) {
        return new ConfigOverride() {
            private final List<String> changed = new ArrayList<>();

            @Override
            public void addToSystemProperties() {
                var before = new java.util.HashMap<String, String>();
                System.getProperties().stringPropertyNames().forEach(k -> before.put(k, System.getProperty(k)));
                override.addToSystemProperties();
                System.getProperties().stringPropertyNames().stream()
                        .filter(k -> !java.util.Objects.equals(before.get(k), System.getProperty(k)))
                        .forEach(changed::add);
            }

            @Override
            public void removeFromSystemProperties() {
                changed.forEach(System::clearProperty);
            }
        };
    }

    public static Path tempHome() {
        try {
            return Files.createTempDirectory("healthflow-test-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
