package ai.healthflow.health;

import ai.healthflow.platform.auth.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Liveness, health and readiness (public, for load balancers and orchestrators) and the detailed report (super
 * admin). These answer with their own bodies, not the API envelope, because probes read them directly.
 *
 * <p>{@code /live} checks nothing outside the process on purpose: it is Kubernetes' liveness probe, and a probe that
 * followed the database would have every replica restarted during a database outage, which cannot help (the
 * pool reconnects by itself within a second of the database's return, DatabaseOutageIT) and turns a short outage
 * into a crash loop with back-off. {@code /health} (the database and the search index) is for load balancers and
 * monitoring; {@code /ready} takes a replica out of the Service while it cannot serve.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health")
public final class HealthResource {
    private final HealthService health;

    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Path("live")
    @PublicEndpoint("liveness probe for orchestrators; reveals no data")
    @Operation(summary = "Liveness: 200 while the process answers HTTP; checks no dependency (see /health, /ready)")
    public Response live() {
        return Response.ok(java.util.Map.of("status", "alive")).build();
    }

    @GET
    @Path("health")
    @PublicEndpoint("liveness probe for load balancers; reveals no data")
    @Operation(summary = "Health: 200 when the database answers and the search index is open, else 503")
    public Response health() {
        HealthReport report = health.health();
        return Response.status(report.healthy() ? 200 : 503).entity(report).build();
    }

    @GET
    @Path("ready")
    @PublicEndpoint("readiness probe for orchestrators; reveals no data")
    @Operation(summary = "Readiness: 200 when the database answers, migrations are current and search is open")
    public Response ready() {
        ReadinessReport report = health.readiness();
        return Response.status(report.ready() ? 200 : 503).entity(report).build();
    }

    @GET
    @Path("health/detailed")
    @RolesAllowed("system:read")
    @Operation(summary = "Each component with status and latency, plus the service's own request metrics")
    public Response detailed() {
        HealthReport report = health.detailed();
        return Response.status(report.healthy() ? 200 : 503).entity(report).build();
    }

    @GET
    @Path("health/comprehensive")
    @RolesAllowed("system:read")
    @Operation(summary = "Same report as /health/detailed (kept for clients of the earlier API)")
    public Response comprehensive() {
        return detailed();
    }
}
