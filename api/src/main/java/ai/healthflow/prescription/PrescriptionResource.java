package ai.healthflow.prescription;

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
import java.util.Set;
import java.util.UUID;

/** Prescribing (doctors), looking up and dispensing (pharmacists). */
@Path("/api/v2/prescriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prescriptions")
public final class PrescriptionResource {
    private static final Set<String> STATUSES = Set.of("issued", "partially_dispensed", "dispensed", "cancelled", "expired");
    private final PrescriptionService prescriptions;

    public PrescriptionResource(PrescriptionService prescriptions) {
        this.prescriptions = prescriptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("prescriptions:write")
    @Operation(summary = "Prescribe: items are checked against each other, the patient's open prescriptions and "
            + "allergies; contraindicated/major findings need overrides {key: reason} (422 lists them); withdrawn, "
            + "suspended or all-batches-recalled medicines are refused")
    public Response create(@Auth Caller caller, @NotNull PrescriptionRequest request, @Context HttpServletRequest http) {
        PrescriptionView created = prescriptions.create(Actor.of(caller, http), request);
        return Response.created(URI.create("/api/v2/prescriptions/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed({"prescriptions:read", "dispensing:write"})
    @Operation(summary = "Doctors: the tenant's prescriptions; pharmacists: those their pharmacy dispensed. Filters: patient, status")
    public ApiResponse<List<PrescriptionView>> list(@Auth Caller caller, @QueryParam("patient") String patient,
                                                    @QueryParam("status") String status, @QueryParam("page") String page,
                                                    @QueryParam("size") String size, @Context HttpServletRequest http) {
        String s = QueryValues.text(status);
        if (s != null && !STATUSES.contains(s)) {
            throw new ai.healthflow.platform.error.InvalidParameter("status", "must be one of " + String.join(", ", STATUSES));
        }
        return ApiResponse.of(prescriptions.list(Actor.of(caller, http), QueryValues.uuid("patient", patient), s,
                PageRequest.parse(page, size, null)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"prescriptions:read", "dispensing:write"})
    @Operation(summary = "One prescription with findings and dispensings (prescribing tenant, or a pharmacy that dispensed it)")
    public ApiResponse<PrescriptionView> get(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        return ApiResponse.of(prescriptions.get(Actor.of(caller, http), id));
    }

    @GET
    @Path("code/{code}")
    @RolesAllowed("dispensing:write")
    @Operation(summary = "The prescription presented at the pharmacy, by its code (7K4M-9Q2P; O/I/L read as 0/1) or QR payload")
    public ApiResponse<PrescriptionView> byCode(@Auth Caller caller, @PathParam("code") String code,
                                                @Context HttpServletRequest http) {
        return ApiResponse.of(prescriptions.byCode(Actor.of(caller, http), code));
    }

    @POST
    @Path("{id}/dispense")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("dispensing:write")
    @Operation(summary = "Dispense items (quantity, batch, optional equivalent substitute); 409 for more than remains, "
            + "a dispensed/cancelled/expired prescription; 422 for a recalled batch")
    public ApiResponse<PrescriptionView> dispense(@Auth Caller caller, @PathParam("id") UUID id,
                                                  @NotNull DispenseRequest request, @Context HttpServletRequest http) {
        return ApiResponse.of(prescriptions.dispense(Actor.of(caller, http), id, request));
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("prescriptions:write")
    @Operation(summary = "Cancel an issued prescription nothing was dispensed from; the reason is required")
    public ApiResponse<PrescriptionView> cancel(@Auth Caller caller, @PathParam("id") UUID id,
                                                @NotNull CancelRequest request, @Context HttpServletRequest http) {
        return ApiResponse.of(prescriptions.cancel(Actor.of(caller, http), id, request.reason()));
    }
}
