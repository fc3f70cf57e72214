package ai.healthflow.invitation;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.auth.PublicEndpoint;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** Inviting people into a tenant, and accepting an invitation. */
@Path("/api/v2/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations")
public final class InvitationResource {
    private final InvitationService invitations;

    public InvitationResource(InvitationService invitations) {
        this.invitations = invitations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"users:write", "tenant:users:write"})
    @Operation(summary = "Invite an email with a role; the link is sent by email and expires (default 72 h)")
    public Response create(@Auth Caller caller, @NotNull @Valid CreateInvitationRequest request,
                           @Context HttpServletRequest http) {
        InvitationView created = invitations.create(Actor.of(caller, http), request);
        return Response.created(URI.create("/api/v2/invitations/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @GET
    @RolesAllowed({"users:read", "tenant:users:read"})
    @Operation(summary = "Invitations of the caller's tenant (all for users:read), newest first")
    public ApiResponse<List<InvitationView>> list(@Auth Caller caller, @QueryParam("page") String page,
                                                  @QueryParam("size") String size) {
        return ApiResponse.of(invitations.list(caller, PageRequest.parse(page, size, null)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"users:read", "tenant:users:read"})
    @Operation(summary = "One invitation (404 for another tenant's)")
    public ApiResponse<InvitationView> get(@Auth Caller caller, @PathParam("id") UUID id) {
        return ApiResponse.of(invitations.get(caller, id));
    }

    @POST
    @Path("{token}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint("the invitee has no account yet; the single-use token in the path is the credential")
    @Operation(summary = "Accept an invitation: creates the account with the given name and password")
    public Response accept(@PathParam("token") String token, @NotNull @Valid AcceptInvitationRequest request,
                           @Context HttpServletRequest http) {
        AcceptedInvitation accepted = invitations.accept(token, request, Actor.anonymous(http));
        return Response.status(201).entity(ApiResponse.of(accepted)).build();
    }
}
