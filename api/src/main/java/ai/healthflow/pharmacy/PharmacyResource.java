package ai.healthflow.pharmacy;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/**
 * Pharmacies: a directory and nearby search for every signed-in user; profiles kept by the platform or the
 * pharmacy's tenant admin; stock and selling prices kept by the pharmacy's own staff.
 */
@Path("/api/v2/pharmacies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pharmacies")
public final class PharmacyResource {
    private static final String ID = "{id: [0-9a-fA-F-]{36}}";
    private final PharmacyService pharmacies;
    private final StockService stock;

    public PharmacyResource(PharmacyService pharmacies, StockService stock) {
        this.pharmacies = pharmacies;
        this.stock = stock;
    }

    @GET
    @PermitAll
    @Operation(summary = "Active pharmacies; filters: governorate, city (English or Arabic), delivery, openNow, q "
            + "(name, address or city); sort: nameEn, rating, governorate, city, updatedAt")
    public ApiResponse<List<PharmacyView>> list(@QueryParam("governorate") String governorate,
                                                @QueryParam("city") String city,
                                                @QueryParam("delivery") String delivery,
                                                @QueryParam("openNow") String openNow, @QueryParam("q") String q,
                                                @QueryParam("page") String page, @QueryParam("size") String size,
                                                @QueryParam("sort") String sort) {
        return ApiResponse.of(pharmacies.list(QueryValues.text(governorate), QueryValues.text(city),
                QueryValues.bool("delivery", delivery), Boolean.TRUE.equals(QueryValues.bool("openNow", openNow)),
                QueryValues.text(q), PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("nearby")
    @PermitAll
    @Operation(summary = "Active pharmacies within radiusKm (default 5, at most 100) of lat/lng, nearest first, each "
            + "with distanceKm (great-circle); filters: delivery, openNow (Cairo time)")
    public ApiResponse<List<PharmacyView>> nearby(@QueryParam("lat") String lat, @QueryParam("lng") String lng,
                                                  @QueryParam("radiusKm") String radiusKm,
                                                  @QueryParam("delivery") String delivery,
                                                  @QueryParam("openNow") String openNow,
                                                  @QueryParam("page") String page, @QueryParam("size") String size) {
        SearchArea area = SearchArea.parse(lat, lng, radiusKm);
        return ApiResponse.of(pharmacies.nearby(area, QueryValues.bool("delivery", delivery),
                Boolean.TRUE.equals(QueryValues.bool("openNow", openNow)), PageRequest.parse(page, size, null)));
    }

    @GET
    @Path(ID)
    @PermitAll
    @Operation(summary = "One pharmacy's profile with openNow")
    public ApiResponse<PharmacyView> get(@Auth Caller caller, @PathParam("id") UUID id) {
        return ApiResponse.of(pharmacies.get(caller, id));
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"tenants:write", "tenant:pharmacies:write"})
    @Operation(summary = "Create (201) or replace (200) a pharmacy's profile: the platform for any pharmacy, a "
            + "tenant admin for their own (403 otherwise); the rating is the platform's to set")
    public Response save(@Auth Caller caller, @PathParam("id") UUID id, @NotNull PharmacyProfileRequest request,
                         @Context HttpServletRequest http) {
        PharmacyService.Saved saved = pharmacies.save(Actor.of(caller, http), id, request);
        return saved.created()
                ? Response.created(URI.create("/api/v2/pharmacies/" + id)).entity(ApiResponse.of(saved.pharmacy())).build()
                : Response.ok(ApiResponse.of(saved.pharmacy())).build();
    }

    @GET
    @Path(ID + "/stock")
    @RolesAllowed("tenant:inventory:read")
    @Operation(summary = "The caller's own pharmacy's stock (403 for another pharmacy); filter: inStock; "
            + "sort: tradeNameEn, quantity, priceEgp, updatedAt")
    public ApiResponse<List<StockView>> stock(@Auth Caller caller, @PathParam("id") UUID id,
                                              @QueryParam("inStock") String inStock, @QueryParam("page") String page,
                                              @QueryParam("size") String size, @QueryParam("sort") String sort) {
        return ApiResponse.of(stock.list(caller, id, QueryValues.bool("inStock", inStock),
                PageRequest.parse(page, size, sort)));
    }

    @PUT
    @Path(ID + "/stock/{medicineId: [0-9a-fA-F-]{36}}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("tenant:inventory:write")
    @Operation(summary = "Set the caller's own pharmacy's quantity and selling price of a medicine: "
            + "{quantity, priceEgp}; 201 when new, 200 when replaced, 403 for another pharmacy")
    public Response putStock(@Auth Caller caller, @PathParam("id") UUID id, @PathParam("medicineId") UUID medicineId,
                             @NotNull StockRequest request, @Context HttpServletRequest http) {
        StockService.Saved saved = stock.put(Actor.of(caller, http), id, medicineId, request);
        return saved.created()
                ? Response.created(URI.create("/api/v2/pharmacies/" + id + "/stock")).entity(ApiResponse.of(saved.stock())).build()
                : Response.ok(ApiResponse.of(saved.stock())).build();
    }
}
