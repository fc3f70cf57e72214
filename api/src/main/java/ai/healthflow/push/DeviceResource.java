package ai.healthflow.push;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in user's push devices. Every user receives notifications, so every endpoint is open to any
 * signed-in user and acts on the caller's own devices only.
 */
@Path("/api/v2/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public final class DeviceResource {
    private final DeviceService devices;

    public DeviceResource(DeviceService devices) {
        this.devices = devices;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "Register this app's push token for the caller: 201 for a device new to the caller, 200 when "
            + "the caller had registered the token already (platform and language updated). A token another user had "
            + "registered moves to the caller.")
    public Response register(@Auth Caller caller, @NotNull @Valid RegisterDeviceRequest request,
                             @Context HttpServletRequest http) {
        DeviceService.Registration registration = devices.register(Actor.of(caller, http), request);
        if (registration.created()) {
            return Response.created(URI.create("/api/v2/devices/" + registration.device().id()))
                    .entity(ApiResponse.of(registration.device())).build();
        }
        return Response.ok(ApiResponse.of(registration.device())).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "The caller's devices in the current tenant, most recently seen first (at most 10)")
    public ApiResponse<List<DeviceView>> list(@Auth Caller caller) {
        return ApiResponse.of(devices.list(caller));
    }

    @DELETE
    @Path("{id}")
    @PermitAll
    @Operation(summary = "Unregister one of the caller's devices (404 for any other); waiting pushes to it are dropped")
    public Response unregister(@Auth Caller caller, @PathParam("id") UUID id, @Context HttpServletRequest http) {
        devices.unregister(Actor.of(caller, http), id);
        return Response.noContent().build();
    }
}
