package ai.healthflow.medicine.search;

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

/** Bilingual medicine search and search-as-you-type. */
@Path("/api/v2/medicines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Medicines")
public final class MedicineSearchResource {
    private final MedicineSearch search;

    public MedicineSearchResource(MedicineSearch search) {
        this.search = search;
    }

    @GET
    @Path("search")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Ranked search in Arabic or English (names, ingredients, strengths, ATC codes, barcodes); "
            + "filters: status, dosageForm, atc, manufacturer; facets in meta")
    public ApiResponse<List<MedicineHit>> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
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
        return new ApiResponse<>(true, results.hits(), meta);
    }

    @GET
    @Path("suggest")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Up to 10 completions of what has been typed, in the script typed")
    public ApiResponse<List<String>> suggest(@QueryParam("q") String q) {
        return ApiResponse.of(search.suggest(q));
    }
}
