package ai.healthflow.prescription;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** A patient's medication history: prescriptions with what was dispensed, where and when. */
@Path("/api/v2/patients/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public final class PatientHistoryResource {
    private final PrescriptionService prescriptions;

    public PatientHistoryResource(PrescriptionService prescriptions) {
        this.prescriptions = prescriptions;
    }

    @GET
    @RolesAllowed("tenant:patients:read")
    @Operation(summary = "The patient's prescriptions at this hospital or clinic, each with its dispensings, newest first")
    public ApiResponse<List<PrescriptionView>> history(@Auth Caller caller, @PathParam("id") UUID id,
                                                       @QueryParam("page") String page, @QueryParam("size") String size,
                                                       @Context HttpServletRequest http) {
        return ApiResponse.of(prescriptions.history(Actor.of(caller, http), id, PageRequest.parse(page, size, null)));
    }
}
