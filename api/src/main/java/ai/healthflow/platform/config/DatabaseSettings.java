package ai.healthflow.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * PostgreSQL settings.
 *
 * @param embedded       start a real PostgreSQL from the io.zonky binaries with its data under {@code HEALTHFLOW_HOME}
 *                       instead of connecting to {@code dataSource.url}
 * @param embeddedPort   port of the embedded server; 0 picks a free one at each start
 * @param migrateOnStart apply pending Liquibase migrations at start; when false the service refuses to start while
 *                       migrations are pending
 * @param dataSource     connection pool; its url/user/password are replaced by the embedded server's when embedded
 */
public record DatabaseSettings(
        @JsonProperty boolean embedded,
        @JsonProperty @Min(0) @Max(65535) int embeddedPort,
        @JsonProperty boolean migrateOnStart,
        @JsonProperty @Valid @NotNull DataSourceFactory dataSource) {
}
