package ai.healthflow.patient;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
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

/** Patients of the caller's hospital or clinic. Every read is audited. */
@Path("/api/v2/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public final class PatientResource {
    private final PatientService patients;

    public PatientResource(PatientService patients) {
        this.patients = patients;
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant:patients:write")
    @Operation(summary = "Register a patient (doctor, nurse, tenant admin): national ID checked against birth date, "
            + "sex and governorate; 409 when the tenant already has it")
    public Response register(@Auth Caller caller, @NotNull RegisterPatientRequest request,
                             @Context HttpServletRequest http) {
        PatientView created = patients.register(Actor.of(caller, http), request);
        return Response.created(URI.create("/api/v2/patients/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed("tenant:patients:read")
    @Operation(summary = "Search the tenant's patients by name (either script), national ID or phone")
    public ApiResponse<List<PatientView>> search(@Auth Caller caller, @QueryParam("q") String q,
                                                 @QueryParam("page") String page, @QueryParam("size") String size,
                                                 @Context HttpServletRequest http) {
        return ApiResponse.of(patients.search(Actor.of(caller, http), q, PageRequest.parse(page, size, null)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed("tenant:patients:read")
    @Operation(summary = "One patient with allergies and conditions (404 for another tenant's)")
    public ApiResponse<PatientView> get(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        return ApiResponse.of(patients.get(Actor.of(caller, http), id));
    }
}
