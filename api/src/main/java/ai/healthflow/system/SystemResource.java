package ai.healthflow.system;

import ai.healthflow.health.ComponentStatus;
import ai.healthflow.health.HealthService;
import ai.healthflow.platform.db.DatabaseUnavailable;
import ai.healthflow.platform.db.Migrations;
import ai.healthflow.platform.response.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;

/** Version, uptime, build, database version and migration state, for the super admin. */
@Path("/api/v2/system")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "System")
public final class SystemResource {
    private final BuildInfo build;
    private final HealthService health;
    private final Migrations migrations;

    public SystemResource(BuildInfo build, HealthService health, Migrations migrations) {
        this.build = build;
        this.health = health;
        this.migrations = migrations;
    }

    @GET
    @Path("status")
    @RolesAllowed("system:read")
    @Operation(summary = "Version, uptime, build, database version and migration state")
    public ApiResponse<SystemStatus> status() throws SQLException {
        ComponentStatus database = health.database();
        if (!database.up()) {
            throw new DatabaseUnavailable();
        }
        return ApiResponse.of(new SystemStatus(build.version(), build.buildTime(), health.startedAt(),
                health.uptime().toSeconds(), Runtime.version().toString(),
                (String) database.details().get("version"), migrations.state()));
    }
}
