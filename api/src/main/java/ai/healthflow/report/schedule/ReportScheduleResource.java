package ai.healthflow.report.schedule;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Report schedules: a report requested at each firing of a cron expression and its download link emailed to the
 * recipients. Each person sees and deletes their own.
 */
@Path("/api/v2/report-schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public final class ReportScheduleResource {
    private final ReportScheduleService schedules;

    public ReportScheduleResource(ReportScheduleService schedules) {
        this.schedules = schedules;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "Schedule a report: {name, type, format, language, params, cron, zone, recipients}; 201")
    public Response create(@Auth Caller caller, ReportScheduleBody body, @Context HttpServletRequest http) {
        ReportScheduleView created = schedules.create(Actor.of(caller, http), body);
        return Response.created(URI.create("/api/v2/report-schedules/" + created.id()))
                .entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "The caller's report schedules, newest first")
    public ApiResponse<List<ReportScheduleView>> list(@Auth Caller caller, @QueryParam("page") String page,
                                                      @QueryParam("size") String size, @QueryParam("sort") String sort) {
        return ApiResponse.of(schedules.list(caller, PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "One of the caller's report schedules: next firing, last request, last problem")
    public ApiResponse<ReportScheduleView> get(@Auth Caller caller, @PathParam("id") UUID id) {
        return ApiResponse.of(schedules.get(caller, id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "Delete one of the caller's report schedules; reports it already requested stay")
    public Response delete(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        schedules.delete(Actor.of(caller, http), id);
        return Response.noContent().build();
    }
}
