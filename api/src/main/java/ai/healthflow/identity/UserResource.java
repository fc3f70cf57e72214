package ai.healthflow.identity;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** Users of the caller's tenant (all tenants for the super admin), and the roles that exist. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public final class UserResource {
    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    @Path("users")
    @RolesAllowed({"users:read", "tenant:users:read"})
    @Operation(summary = "Users; filters: q (email or name), status, role; sort: email, name, createdAt, lastLoginAt")
    public ApiResponse<List<UserView>> list(@Auth Caller caller, @QueryParam("q") String q,
                                            @QueryParam("status") String status, @QueryParam("role") String role,
                                            @QueryParam("page") String page, @QueryParam("size") String size,
                                            @QueryParam("sort") String sort) {
        return ApiResponse.of(users.list(caller, QueryValues.text(q), QueryValues.text(status),
                QueryValues.text(role), PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("users/{id}")
    @RolesAllowed({"users:read", "tenant:users:read"})
    @Operation(summary = "One user (404 outside the caller's tenant unless users:read)")
    public ApiResponse<UserView> get(@Auth Caller caller, @PathParam("id") UUID id) {
        return ApiResponse.of(users.get(caller, id));
    }

    @PATCH
    @Path("users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"users:write", "tenant:users:write"})
    @Operation(summary = "Change name, role, status (disable ends every session) or clear a lockout")
    public ApiResponse<UserView> update(@Auth Caller caller, @PathParam("id") UUID id,
                                        @QueryParam("tenantId") String tenantId,
                                        @NotNull @Valid UpdateUserRequest request, @Context HttpServletRequest http) {
        return ApiResponse.of(users.update(Actor.of(caller, http), id, request,
                QueryValues.uuid("tenantId", tenantId)));
    }

    @GET
    @Path("roles")
    @PermitAll
    @Operation(summary = "The roles, highest first, with their permissions")
    public ApiResponse<List<RoleView>> roles() {
        return ApiResponse.of(users.roles());
    }
}
