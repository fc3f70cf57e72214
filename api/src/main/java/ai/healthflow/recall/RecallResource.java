package ai.healthflow.recall;

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

/** Recalls: the regulator writes them; every clinical role reads them; pharmacies and hospitals acknowledge. */
@Path("/api/v2/recalls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recalls")
public final class RecallResource {
    private final RecallService recalls;

    public RecallResource(RecallService recalls) {
        this.recalls = recalls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("recalls:write")
    @Operation(summary = "Create a recall as a draft: medicine, batches (or allBatches), class I-III, level, "
            + "reason and instructions in English and Arabic, start date")
    public Response create(@Auth Caller caller, @NotNull CreateRecallRequest request, @Context HttpServletRequest http) {
        RecallView created = recalls.create(Actor.of(caller, http), request);
        return Response.created(URI.create("/api/v2/recalls/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed({"recalls:read", "tenant:recalls:read"})
    @Operation(summary = "Recalls, newest start date first; filters: status, class, medicine, from, to (start date)")
    public ApiResponse<List<RecallView>> list(@QueryParam("status") String status, @QueryParam("class") String recallClass,
                                              @QueryParam("medicine") String medicine, @QueryParam("from") String from,
                                              @QueryParam("to") String to, @QueryParam("page") String page,
                                              @QueryParam("size") String size, @QueryParam("sort") String sort) {
        return ApiResponse.of(recalls.list(QueryValues.text(status), QueryValues.text(recallClass),
                QueryValues.uuid("medicine", medicine), QueryValues.date("from", from), QueryValues.date("to", to),
                PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"recalls:read", "tenant:recalls:read"})
    @Operation(summary = "One recall with its history (who and when for each step) and acknowledgement progress")
    public ApiResponse<RecallView> get(@PathParam("id") UUID id) {
        return ApiResponse.of(recalls.get(id));
    }

    @POST
    @Path("{id}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("recalls:write")
    @Operation(summary = "draft → active: notifies every pharmacy and hospital in the background and answers at once")
    public ApiResponse<RecallView> activate(@Auth Caller caller, @PathParam("id") UUID id, StepRequest step,
                                            @Context HttpServletRequest http) {
        return ApiResponse.of(recalls.transition(Actor.of(caller, http), id, RecallWorkflow.ACTIVE, comment(step)));
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("recalls:write")
    @Operation(summary = "active → completed")
    public ApiResponse<RecallView> complete(@Auth Caller caller, @PathParam("id") UUID id, StepRequest step,
                                            @Context HttpServletRequest http) {
        return ApiResponse.of(recalls.transition(Actor.of(caller, http), id, RecallWorkflow.COMPLETED, comment(step)));
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("recalls:write")
    @Operation(summary = "draft or active → cancelled; the comment (why) is required")
    public ApiResponse<RecallView> cancel(@Auth Caller caller, @PathParam("id") UUID id, StepRequest step,
                                          @Context HttpServletRequest http) {
        return ApiResponse.of(recalls.transition(Actor.of(caller, http), id, RecallWorkflow.CANCELLED, comment(step)));
    }

    @POST
    @Path("{id}/acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant:recalls:acknowledge")
    @Operation(summary = "The caller's pharmacy or hospital acknowledges an active recall with the quantities "
            + "quarantined and returned (repeat to update)")
    public ApiResponse<AcknowledgementView> acknowledge(@Auth Caller caller, @PathParam("id") UUID id,
                                                        @NotNull AcknowledgementRequest request,
                                                        @Context HttpServletRequest http) {
        return ApiResponse.of(recalls.acknowledge(Actor.of(caller, http), id, request));
    }

    @GET
    @Path("{id}/acknowledgements")
    @RolesAllowed({"recalls:read", "tenant:recalls:read"})
    @Operation(summary = "Acknowledgement tasks: every tenant's for the regulator, the caller's own otherwise")
    public ApiResponse<List<AcknowledgementView>> acknowledgements(@Auth Caller caller, @PathParam("id") UUID id,
                                                                   @QueryParam("page") String page,
                                                                   @QueryParam("size") String size) {
        return ApiResponse.of(recalls.acknowledgements(caller, id, PageRequest.parse(page, size, null)));
    }

    private static String comment(StepRequest step) {
        return step == null ? null : step.comment();
    }
}
