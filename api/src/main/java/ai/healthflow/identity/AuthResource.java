package ai.healthflow.identity;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.auth.PublicEndpoint;
import ai.healthflow.platform.response.ApiResponse;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Sign-in, token refresh, sign-out and the signed-in user. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public final class AuthResource {
    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/auth/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint("a caller without a token has to be able to get one")
    @Operation(summary = "Exchange email and password for an access token (15 min) and a refresh token")
    public ApiResponse<LoginResult> login(@NotNull @Valid LoginRequest request, @Context HttpServletRequest http) {
        return ApiResponse.of(auth.login(request, Actor.anonymous(http)));
    }

    @POST
    @Path("/auth/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint("the access token has expired by the time a client refreshes")
    @Operation(summary = "Rotate a refresh token: a new access and refresh token; a reused one revokes the session")
    public ApiResponse<LoginResult> refresh(@NotNull @Valid RefreshRequest request, @Context HttpServletRequest http) {
        return ApiResponse.of(auth.refresh(request.refreshToken(), Actor.anonymous(http)));
    }

    @POST
    @Path("/auth/logout")
    @PermitAll
    @Operation(summary = "End the session: the access token and the given refresh token stop working")
    public Response logout(@Auth Caller caller, @Valid LogoutRequest request, @Context HttpServletRequest http) {
        auth.logout(caller, request == null ? null : request.refreshToken(), Actor.of(caller, http));
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @PermitAll
    @Operation(summary = "The signed-in user: tenant, roles and permissions")
    public ApiResponse<CallerView> me(@Auth Caller caller) {
        return ApiResponse.of(CallerView.of(caller));
    }
}
