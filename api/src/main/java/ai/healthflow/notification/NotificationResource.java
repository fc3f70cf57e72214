package ai.healthflow.notification;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.FeedPosition;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.UUID;

/**
 * The signed-in user's notifications. Every user has an inbox, so every endpoint is open to any signed-in user
 * and shows only the caller's own notifications.
 */
@Path("/api/v2/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public final class NotificationResource {
    private final NotificationService notifications;
    private final NotificationHub hub;

    public NotificationResource(NotificationService notifications, NotificationHub hub) {
        this.notifications = notifications;
        this.hub = hub;
    }

    @GET
    @PermitAll
    @Operation(summary = "The caller's notifications, newest first, in the language of Accept-Language (en or ar)")
    public Response list(@Auth Caller caller, @QueryParam("unread") String unread, @QueryParam("page") String page,
                         @QueryParam("size") String size, @Context HttpHeaders headers) {
        Language language = Language.pick(headers.getAcceptableLanguages());
        var result = notifications.list(caller, Boolean.TRUE.equals(QueryValues.bool("unread", unread)),
                PageRequest.parse(page, size, null), language);
        return localized(ApiResponse.of(result), language);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "Mark one of the caller's notifications read ({\"read\": true}) or unread")
    public Response markRead(@Auth Caller caller, @PathParam("id") UUID id, @NotNull @Valid ReadStateRequest request,
                             @Context HttpHeaders headers, @Context HttpServletRequest http) {
        Language language = Language.pick(headers.getAcceptableLanguages());
        return localized(ApiResponse.of(notifications.markRead(Actor.of(caller, http), id, request.read(), language)),
                language);
    }

    @POST
    @Path("read-all")
    @PermitAll
    @Operation(summary = "Mark all of the caller's notifications read; answers how many were unread")
    public ApiResponse<Map<String, Integer>> readAll(@Auth Caller caller, @Context HttpServletRequest http) {
        return ApiResponse.of(Map.of("marked", notifications.readAll(Actor.of(caller, http))));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @PermitAll
    @Operation(summary = "Server-Sent Events: each new notification as an event named 'notification' whose id "
            + "resumes the stream (send it back as Last-Event-ID, or ?after=, to receive everything after it)")
    public void stream(@Auth Caller caller, @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("after") String after, @Context HttpHeaders headers,
                       @Context SseEventSink sink, @Context Sse sse) {
        String resumeFrom = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        FeedPosition position = resumeFrom == null || resumeFrom.isBlank() ? null
                : FeedPosition.parse(lastEventId != null ? "Last-Event-ID" : "after", resumeFrom.strip());
        hub.subscribe(caller.tenantId(), caller.userId(), Language.pick(headers.getAcceptableLanguages()), sink, sse,
                position);
    }

    private static Response localized(Object entity, Language language) {
        return Response.ok(entity)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
