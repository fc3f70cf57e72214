package ai.healthflow.audit;

import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Reading and verifying the audit trail (regulator and super admin: {@code audit:read}, across tenants). */
@Path("/api/v2/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public final class AuditResource {
    private final Db db;
    private final AuditVerifier verifier;

    public AuditResource(Db db, AuditVerifier verifier) {
        this.db = db;
        this.verifier = verifier;
    }

    @GET
    @RolesAllowed("audit:read")
    @Operation(summary = "Audit records, newest first; filters: actor, tenant, entityType, entityId, action, from, to")
    public ApiResponse<List<AuditRecord>> list(@QueryParam("actor") String actor, @QueryParam("tenant") String tenant,
                                               @QueryParam("entityType") String entityType,
                                               @QueryParam("entityId") String entityId,
                                               @QueryParam("action") String action,
                                               @QueryParam("from") String from, @QueryParam("to") String to,
                                               @QueryParam("page") String page, @QueryParam("size") String size,
                                               @QueryParam("sort") String sort) {
        var query = new AuditQuery(QueryValues.uuid("actor", actor), QueryValues.uuid("tenant", tenant),
                QueryValues.text(entityType), QueryValues.text(entityId), QueryValues.text(action),
                QueryValues.instant("from", from), QueryValues.instant("to", to));
        PageRequest request = PageRequest.parse(page, size, sort);
        return ApiResponse.of(db.acrossTenants(handle -> query.run(handle, request)));
    }

    @GET
    @Path("verify")
    @RolesAllowed("audit:read")
    @Operation(summary = "Recompute the hash chain: {valid, checked, firstBrokenId}")
    public ApiResponse<AuditVerifier.Result> verify() {
        return ApiResponse.of(db.acrossTenants(verifier::verify));
    }
}
