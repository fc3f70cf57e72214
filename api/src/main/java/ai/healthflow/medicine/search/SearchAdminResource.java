package ai.healthflow.medicine.search;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.search.SearchIndex;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/** Operating the search index: its state, and a rebuild that swaps in atomically while searches continue. */
@Path("/api/v2/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "System")
public final class SearchAdminResource {
    private final LiveIndex live;
    private final SearchIndexer indexer;
    private final ai.healthflow.audit.AuditLog audit;
    private final ai.healthflow.platform.db.Db db;

    public SearchAdminResource(LiveIndex live, SearchIndexer indexer, ai.healthflow.audit.AuditLog audit,
                               ai.healthflow.platform.db.Db db) {
        this.live = live;
        this.indexer = indexer;
        this.audit = audit;
        this.db = db;
    }

    /**
     * @param index    the directory of the index served (under HEALTHFLOW_HOME/search)
     * @param position the last change-feed row applied
     */
    public record Status(boolean serving, boolean rebuilding, String index, int documents, long sizeBytes,
                         String position) {
    }

    @GET
    @Path("status")
    @RolesAllowed("system:read")
    @Operation(summary = "Whether an index is served, whether a rebuild runs, documents, size, change-feed position")
    public ApiResponse<Status> status() throws IOException {
        SearchIndex.Stats stats = live.stats();
        String position = live.current().map(i -> i.position()).orElse(null);
        return ApiResponse.of(new Status(stats.open(), live.rebuilding(), live.servedName().orElse(null),
                stats.documents(), stats.sizeBytes(), position));
    }

    @POST
    @Path("reindex")
    @RolesAllowed("system:write")
    @Operation(summary = "Rebuild the index from the registry into a new directory and swap it in (202)")
    public Response reindex(@Auth Caller caller, @Context HttpServletRequest http) throws IOException {
        if (!indexer.rebuildInBackground()) {
            throw new RebuildRunning();
        }
        db.acrossTenants(handle -> audit.record(handle, Actor.of(caller, http),
                ai.healthflow.audit.AuditEvent.of("search.reindex_requested", "search_index", null, null)));
        return Response.accepted(ApiResponse.of(status().data())).build();
    }

    /** One rebuild at a time. */
    static final class RebuildRunning extends ApiException {
        RebuildRunning() {
            super(409, "rebuild-running", "Rebuild running", "A search index rebuild is already running.");
        }
    }
}
