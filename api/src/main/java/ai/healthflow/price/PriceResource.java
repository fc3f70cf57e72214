package ai.healthflow.price;

import ai.healthflow.pharmacy.SearchArea;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.QueryValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** Price comparison for any signed-in user. */
@Path("/api/v2/prices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prices")
public final class PriceResource {
    private final PriceService prices;

    public PriceResource(PriceService prices) {
        this.prices = prices;
    }

    @GET
    @Path("compare/{medicineId: [0-9a-fA-F-]{36}}")
    @PermitAll
    @Operation(summary = "A medicine's official price and history, the pharmacies within radiusKm (default 5, at "
            + "most 100) of lat/lng with their price, distance and stock state, min/max/average, the cheapest in "
            + "stock, and cheaper therapeutic equivalents; limit (1-100, default 50) caps the pharmacies listed")
    public ApiResponse<PriceComparison> compare(@PathParam("medicineId") UUID medicineId,
                                                @QueryParam("lat") String lat, @QueryParam("lng") String lng,
                                                @QueryParam("radiusKm") String radiusKm,
                                                @QueryParam("limit") String limit) {
        SearchArea area = SearchArea.parse(lat, lng, radiusKm);
        int max = QueryValues.integer("limit", limit, PriceService.DEFAULT_LIMIT);
        if (max < 1 || max > PriceService.MAX_LIMIT) {
            throw new InvalidParameter("limit", "must be between 1 and " + PriceService.MAX_LIMIT);
        }
        return ApiResponse.of(prices.compare(medicineId, area, max));
    }
}
