package ai.healthflow.consultation;

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
import jakarta.ws.rs.PATCH;
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

@Path("/api/v2/consultations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consultations")
public final class ConsultationResource {
    private final ConsultationService consultations;

    public ConsultationResource(ConsultationService consultations) {
        this.consultations = consultations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant:consultations:write")
    @Operation(summary = "Schedule a consultation: patient, provider (a doctor of the tenant; the calling doctor by default), reason")
    public Response create(@Auth Caller caller, @NotNull ConsultationRequest request, @Context HttpServletRequest http) {
        ConsultationView created = consultations.create(Actor.of(caller, http), request);
        return Response.created(URI.create("/api/v2/consultations/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed("tenant:consultations:read")
    @Operation(summary = "Consultations of the tenant, newest first; filters: patient, provider, status")
    public ApiResponse<List<ConsultationView>> list(@Auth Caller caller, @QueryParam("patient") String patient,
                                                    @QueryParam("provider") String provider,
                                                    @QueryParam("status") String status,
                                                    @QueryParam("page") String page, @QueryParam("size") String size,
                                                    @Context HttpServletRequest http) {
        return ApiResponse.of(consultations.list(Actor.of(caller, http), QueryValues.uuid("patient", patient),
                QueryValues.uuid("provider", provider), QueryValues.text(status), PageRequest.parse(page, size, null)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed("tenant:consultations:read")
    @Operation(summary = "One consultation (404 for another tenant's)")
    public ApiResponse<ConsultationView> get(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        return ApiResponse.of(consultations.get(Actor.of(caller, http), id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant:consultations:write")
    @Operation(summary = "Change status (scheduled → in_progress → completed, or cancelled; 409 otherwise) and/or notes")
    public ApiResponse<ConsultationView> update(@Auth Caller caller, @PathParam("id") UUID id,
                                                @NotNull ConsultationUpdate update, @Context HttpServletRequest http) {
        return ApiResponse.of(consultations.update(Actor.of(caller, http), id, update));
    }
}
