package ai.healthflow.testing;

import ai.healthflow.HealthFlowApplication;
import ai.healthflow.HealthFlowConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public static Path configFile(String name) {
        String dir = System.getProperty("healthflow.config.dir", "../config");
        return Path.of(dir, name).toAbsolutePath().normalize();
    }

    public static DropwizardAppExtension<HealthFlowConfiguration> create(ConfigOverride... extra) {
        Supplier<TestPostgres.Database> database = memoize(TestPostgres::freshDatabase);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("home", () -> tempHome().toString()),
                ConfigOverride.config("database.dataSource.url", () -> database.get().url()),
                ConfigOverride.config("database.dataSource.user", () -> database.get().user()),
                ConfigOverride.config("database.dataSource.password", () -> nullToEmpty(database.get().password()))));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(HealthFlowApplication.class, configFile("test.yml").toString(),
                overrides.toArray(ConfigOverride[]::new));
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
