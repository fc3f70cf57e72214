package ai.healthflow.identity;

import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.auth.PublicEndpoint;
import ai.healthflow.platform.response.ApiResponse;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Login and the signed-in user. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public final class AuthResource {
    private final LoginService logins;

    public AuthResource(LoginService logins) {
        this.logins = logins;
    }

    @POST
    @Path("/auth/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint("a caller without a token has to be able to get one")
    @Operation(summary = "Exchange email and password for a bearer token")
    public ApiResponse<LoginResult> login(@NotNull @Valid LoginRequest request) {
        return ApiResponse.of(logins.login(request));
    }

    @GET
    @Path("/me")
    @PermitAll
    @Operation(summary = "The signed-in user: tenant, roles and permissions")
    public ApiResponse<CallerView> me(@Auth Caller caller) {
        return ApiResponse.of(CallerView.of(caller));
    }
}
