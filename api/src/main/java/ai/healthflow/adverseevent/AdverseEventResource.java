package ai.healthflow.adverseevent;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
 * Adverse-event reports: submitted and followed up by clinicians and pharmacists (their tenant's reports), triaged,
 * assessed and exported by the regulator (all reports).
 */
@Path("/api/v2/adverse-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Adverse events")
public final class AdverseEventResource {
    private static final String ID = "{id: [0-9a-fA-F-]{36}}";
    private final AdverseEventService reports;

    public AdverseEventResource(AdverseEventService reports) {
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("adverse_events:write")
    @Operation(summary = "Report an adverse event (ICH E2B(R3) minimum: identifiable patient, a suspect medicine, a "
            + "reaction); 422 lists every invalid field")
    public Response submit(@Auth Caller caller, @NotNull AdverseEventRequest report, @Context HttpServletRequest http) {
        AdverseEventView created = reports.submit(Actor.of(caller, http), report);
        return Response.created(URI.create("/api/v2/adverse-events/" + created.id()))
                .entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed({"adverse_events:read", "adverse_events:write"})
    @Operation(summary = "Reports in the caller's scope (all for adverse_events:read); filters: medicine (id), "
            + "ingredient (id or name), reaction (term or MedDRA code), serious, status, from/to (receipt), overdue; "
            + "sort: receivedAt, dueAt, caseNumber, status, updatedAt")
    public ApiResponse<List<AdverseEventSummary>> list(@Auth Caller caller,
                                                       @QueryParam("medicine") String medicine,
                                                       @QueryParam("ingredient") String ingredient,
                                                       @QueryParam("reaction") String reaction,
                                                       @QueryParam("serious") String serious,
                                                       @QueryParam("status") String status,
                                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                                       @QueryParam("overdue") String overdue,
                                                       @QueryParam("page") String page, @QueryParam("size") String size,
                                                       @QueryParam("sort") String sort) {
        String statusValue = QueryValues.text(status);
        if (statusValue != null && !AdverseEventStatus.ALL.contains(statusValue)) {
            throw new InvalidParameter("status", "must be one of " + AdverseEventStatus.ALL);
        }
        String ingredientText = QueryValues.text(ingredient);
        UUID ingredientId = ingredientText != null && ingredientText.matches("[0-9a-fA-F-]{36}")
                ? QueryValues.uuid("ingredient", ingredientText) : null;
        var filter = new AdverseEventFilter(QueryValues.uuid("medicine", medicine), ingredientId,
                ingredientId == null ? ingredientText : null, QueryValues.text(reaction),
                QueryValues.bool("serious", serious), statusValue, QueryValues.instant("from", from),
                QueryValues.instant("to", to), QueryValues.bool("overdue", overdue));
        return ApiResponse.of(reports.list(caller, filter, PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path(ID)
    @RolesAllowed({"adverse_events:read", "adverse_events:write"})
    @Operation(summary = "One report, current version, with causality, possible duplicates, history and versions "
            + "(404 for another tenant's); audited")
    public ApiResponse<AdverseEventView> get(@Auth Caller caller, @PathParam("id") UUID id,
                                             @Context HttpServletRequest http) {
        return ApiResponse.of(reports.get(Actor.of(caller, http), id));
    }

    @GET
    @Path(ID + "/versions/{version: [0-9]{1,6}}")
    @RolesAllowed({"adverse_events:read", "adverse_events:write"})
    @Operation(summary = "One version of a report exactly as received (1 = the initial report); audited")
    public ApiResponse<AdverseEventVersionView> version(@Auth Caller caller, @PathParam("id") UUID id,
                                                        @PathParam("version") int version,
                                                        @Context HttpServletRequest http) {
        return ApiResponse.of(reports.version(Actor.of(caller, http), id, version));
    }

    @GET
    @Path(ID + "/e2b")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({"adverse_events:read", "adverse_events:write"})
    @Operation(summary = "The report as an ICH E2B(R3) ICSR (HL7 v3 MCCI_IN200100UV01 batch); audited")
    public Response e2b(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        String xml = reports.e2b(Actor.of(caller, http), id);
        return Response.ok(xml, MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"adverse-event-" + id + ".xml\"").build();
    }

    @POST
    @Path(ID + "/follow-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"adverse_events:write", "adverse_events:assess"})
    @Operation(summary = "Follow-up information: the whole report again, stored as its next version (by the "
            + "report's tenant or the regulator); 409 for a closed report")
    public Response followUp(@Auth Caller caller, @PathParam("id") UUID id, @NotNull AdverseEventRequest report,
                             @Context HttpServletRequest http) {
        AdverseEventView updated = reports.followUp(Actor.of(caller, http), id, report);
        return Response.created(URI.create("/api/v2/adverse-events/" + id + "/versions/" + updated.version()))
                .entity(ApiResponse.of(updated)).build();
    }

    @POST
    @Path(ID + "/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("adverse_events:assess")
    @Operation(summary = "Move the report to its next status with a comment: submitted → triaged → under_assessment "
            + "→ assessed → closed; 409 otherwise")
    public ApiResponse<AdverseEventView> transition(@Auth Caller caller, @PathParam("id") UUID id,
                                                    @NotNull TransitionRequest request,
                                                    @Context HttpServletRequest http) {
        return ApiResponse.of(reports.transition(Actor.of(caller, http), id, request));
    }

    @POST
    @Path(ID + "/causality")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("adverse_events:assess")
    @Operation(summary = "Assess one suspect medicine (WHO-UMC category, optional Naranjo score -4..13) while the "
            + "report is under_assessment")
    public ApiResponse<AdverseEventView> causality(@Auth Caller caller, @PathParam("id") UUID id,
                                                   @NotNull CausalityRequest request,
                                                   @Context HttpServletRequest http) {
        return ApiResponse.of(reports.assessCausality(Actor.of(caller, http), id, request));
    }
}
