package ai.healthflow.medicine;

import ai.healthflow.medicine.importing.ImportReport;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.dropwizard.jersey.PATCH;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The national medicine registry: read by every signed-in role with medicines:read, changed by the regulator. */
@Path("/api/v2/medicines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Medicines")
public final class MedicineResource {
    private final MedicineService medicines;
    private final MedicineImport importer;

    public MedicineResource(MedicineService medicines, MedicineImport importer) {
        this.medicines = medicines;
        this.importer = importer;
    }

    @GET
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Registry page; filters: status, dosageForm, atc (code or prefix), manufacturer; "
            + "sort: tradeNameEn, registrationNo, atcCode, priceEgp, updatedAt, manufacturer")
    public ApiResponse<List<MedicineView>> list(@QueryParam("status") String status,
                                                @QueryParam("dosageForm") String dosageForm,
                                                @QueryParam("atc") String atc,
                                                @QueryParam("manufacturer") String manufacturer,
                                                @QueryParam("page") String page, @QueryParam("size") String size,
                                                @QueryParam("sort") String sort) {
        String atcPrefix = QueryValues.text(atc);
        return ApiResponse.of(medicines.list(QueryValues.text(status), QueryValues.text(dosageForm),
                atcPrefix == null ? null : atcPrefix.toUpperCase(java.util.Locale.ROOT), QueryValues.text(manufacturer),
                PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("{id: [0-9a-fA-F-]{36}}")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "One medicine with its ingredients and official price history")
    public ApiResponse<MedicineView> get(@PathParam("id") UUID id) {
        return ApiResponse.of(medicines.get(id));
    }

    @GET
    @Path("barcode/{gtin}")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "The medicine with this GS1 barcode (GTIN-13/14), or 404")
    public ApiResponse<MedicineView> byBarcode(@PathParam("gtin") String gtin) {
        return ApiResponse.of(medicines.byBarcode(gtin.strip()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("medicines:write")
    @Operation(summary = "Register a medicine; every invalid field is listed (422)")
    public Response create(@Auth Caller caller, @NotNull CreateMedicineRequest request, @Context HttpServletRequest http) {
        MedicineView created = medicines.create(Actor.of(caller, http), request.fields());
        return Response.created(URI.create("/api/v2/medicines/" + created.id())).entity(ApiResponse.of(created)).build();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MedicineImport.XLSX})
    @RolesAllowed("medicines:write")
    @Operation(summary = "Import a registry file (CSV or XLSX with a header row); upsert by registration_no; "
            + "?dryRun=true validates only")
    public ApiResponse<ImportReport> importFile(@Auth Caller caller, @QueryParam("dryRun") String dryRun,
                                                @Context HttpHeaders headers, InputStream body,
                                                @Context HttpServletRequest http) {
        boolean xlsx = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(MedicineImport.XLSX));
        return ApiResponse.of(importer.run(Actor.of(caller, http), body, xlsx,
                Boolean.TRUE.equals(QueryValues.bool("dryRun", dryRun))));
    }

    @PATCH
    @Path("{id: [0-9a-fA-F-]{36}}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("medicines:write")
    @Operation(summary = "Change fields; a new official price is kept in the price history")
    public ApiResponse<MedicineView> update(@Auth Caller caller, @PathParam("id") UUID id,
                                            @NotNull UpdateMedicineRequest request, @Context HttpServletRequest http) {
        return ApiResponse.of(medicines.update(Actor.of(caller, http), id, request));
    }
}
