package ai.healthflow.report;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

/**
 * Reports: request one (202, rendered in the background by the report-export job), follow it, download it, list
 * one's own. The regulator's reports:read gives every tenant's rows; a tenant admin's tenant:reports:* their
 * tenant's. Each report may ask for another permission (the audit log extract needs audit:read).
 */
@Path("/api/v2/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public final class ReportResource {
    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "Request a report: {type, format (xlsx|pdf|csv), language (en|ar), params}; answers 202 with "
            + "the request, rendered in the background")
    public Response request(@Auth Caller caller, ReportRequestBody body, @Context HttpServletRequest http) {
        ReportRequestView created = reports.request(Actor.of(caller, http), body);
        return Response.accepted(ApiResponse.of(created))
                .location(URI.create("/api/v2/reports/" + created.id())).build();
    }

    @GET
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "The caller's report requests, newest first; filter: status")
    public ApiResponse<List<ReportRequestView>> list(@Auth Caller caller, @QueryParam("status") String status,
                                                     @QueryParam("page") String page, @QueryParam("size") String size,
                                                     @QueryParam("sort") String sort) {
        return ApiResponse.of(reports.list(caller, QueryValues.text(status), PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("definitions")
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "The reports the caller may request: titles, formats, parameters, columns, and whose rows")
    public ApiResponse<List<ReportDefinitionView>> definitions(@Auth Caller caller) {
        return ApiResponse.of(reports.definitions(caller));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "One of the caller's report requests: status, progress, row count, size")
    public ApiResponse<ReportRequestView> get(@Auth Caller caller, @PathParam("id") UUID id) {
        return ApiResponse.of(reports.get(caller, id));
    }

    @GET
    @Path("{id}/download")
    @Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf", "text/csv",
            MediaType.APPLICATION_JSON})
    @RolesAllowed({"reports:read", "tenant:reports:read"})
    @Operation(summary = "The finished file, streamed, with its content type and file name (409 until completed, "
            + "410 once expired)")
    public Response download(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        ReportService.ReportFile file = reports.download(Actor.of(caller, http), id);
        StreamingOutput body = out -> Files.copy(file.path(), out);
        return Response.ok(body)
                .type(file.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, file.size())
                .header("Content-Disposition", ContentDisposition.attachment(file.asciiFileName(), file.fileName()))
                .build();
    }
}
