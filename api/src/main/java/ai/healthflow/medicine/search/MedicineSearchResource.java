package ai.healthflow.medicine.search;

import ai.healthflow.medicine.ActiveRecall;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.QueryValues;
import ai.healthflow.search.medicine.MedicineHit;
import ai.healthflow.search.medicine.MedicineQuery;
import ai.healthflow.search.medicine.SearchResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Bilingual medicine search and search-as-you-type. */
@Path("/api/v2/medicines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Medicines")
public final class MedicineSearchResource {
    private final MedicineSearch search;
    private final Db db;

    public MedicineSearchResource(MedicineSearch search, Db db) {
        this.search = search;
        this.db = db;
    }

    @GET
    @Path("search")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Ranked search in Arabic or English (names, ingredients, strengths, ATC codes, barcodes); "
            + "filters: status, dosageForm, atc, manufacturer; facets in meta")
    public ApiResponse<List<SearchHit>> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
                                                 @QueryParam("offset") String offset,
                                                 @QueryParam("status") String status,
                                                 @QueryParam("dosageForm") String dosageForm,
                                                 @QueryParam("atc") String atc,
                                                 @QueryParam("manufacturer") String manufacturer) {
        int size = QueryValues.integer("limit", limit, 20);
        int from = QueryValues.integer("offset", offset, 0);
        String atcPrefix = QueryValues.text(atc);
        SearchResults results = search.search(new MedicineQuery(q, QueryValues.text(status),
                QueryValues.text(dosageForm), atcPrefix == null ? null : atcPrefix.toUpperCase(Locale.ROOT),
                QueryValues.text(manufacturer), size, from));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total", results.total());
        meta.put("limit", size);
        meta.put("offset", from);
        meta.put("facets", results.facets());
        return new ApiResponse<>(true, withRecalls(results.hits()), meta);
    }

    private List<SearchHit> withRecalls(List<MedicineHit> hits) {
        List<UUID> ids = hits.stream().map(h -> UUID.fromString(h.medicine().id())).toList();
        Map<UUID, List<ActiveRecall>> recalls = db.acrossTenants(handle -> ActiveRecall.of(handle, ids));
        return hits.stream().map(hit -> {
            List<ActiveRecall> active = recalls.getOrDefault(UUID.fromString(hit.medicine().id()), List.of());
            return new SearchHit(hit, !active.isEmpty(), active);
        }).toList();
    }

    @GET
    @Path("suggest")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Up to 10 completions of what has been typed, in the script typed")
    public ApiResponse<List<String>> suggest(@QueryParam("q") String q) {
        return ApiResponse.of(search.suggest(q));
    }
}
