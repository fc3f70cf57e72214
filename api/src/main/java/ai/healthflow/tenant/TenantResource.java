package ai.healthflow.tenant;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.PATCH;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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

/** Tenants: listed and changed by the super admin; each signed-in user can read their own. */
@Path("/api/v2/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public final class TenantResource {
    private final TenantService tenants;

    public TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @GET
    @RolesAllowed("tenants:read")
    @Operation(summary = "All tenants; filters: type, status, q (name in either language); sort: nameEn, type, createdAt, status")
    public ApiResponse<List<TenantView>> list(@Auth Caller caller, @QueryParam("type") String type,
                                              @QueryParam("status") String status, @QueryParam("q") String q,
                                              @QueryParam("page") String page, @QueryParam("size") String size,
                                              @QueryParam("sort") String sort) {
        return ApiResponse.of(tenants.list(caller, QueryValues.text(type), QueryValues.text(status), QueryValues.text(q),
                PageRequest.parse(page, size, sort)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenants:write")
    @Operation(summary = "Create a tenant")
    public Response create(@Auth Caller caller, @NotNull @Valid CreateTenantRequest request,
                           @Context HttpServletRequest http) {
        TenantView created = tenants.create(Actor.of(caller, http), request);
        return Response.created(URI.create("/api/v2/tenants/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "One tenant: any tenant for tenants:read, otherwise only the caller's own (else 404)")
    public ApiResponse<TenantView> get(@Auth Caller caller, @PathParam("id") UUID id) {
        return ApiResponse.of(tenants.get(caller, id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenants:write")
    @Operation(summary = "Change names, governorate or status (active, suspended)")
    public ApiResponse<TenantView> update(@Auth Caller caller, @PathParam("id") UUID id,
                                          @NotNull @Valid UpdateTenantRequest request,
                                          @Context HttpServletRequest http) {
        return ApiResponse.of(tenants.update(Actor.of(caller, http), id, request));
    }
}
