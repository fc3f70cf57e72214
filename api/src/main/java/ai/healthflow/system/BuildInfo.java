package ai.healthflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version and build time, written into {@code healthflow-build.properties} by Maven resource filtering. */
public record BuildInfo(String version, String buildTime, String swaggerUiVersion) {

    public static BuildInfo load() {
        var properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/healthflow-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(properties.getProperty("version", "unknown"),
                properties.getProperty("buildTime", "unknown"),
                properties.getProperty("swaggerUiVersion", "unknown"));
    }
}
