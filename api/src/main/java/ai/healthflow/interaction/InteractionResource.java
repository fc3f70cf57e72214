package ai.healthflow.interaction;

import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Drug–drug interactions: the check (for anyone who reads the registry or prescribes), the knowledge base's lists,
 * and the regulator's import.
 */
@Path("/api/v2/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Interactions")
public final class InteractionResource {
    private final InteractionService interactions;
    private final InteractionImport importer;

    public InteractionResource(InteractionService interactions, InteractionImport importer) {
        this.interactions = interactions;
        this.importer = importer;
    }

    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"medicines:read", "tenant:medicines:read", "prescriptions:read"})
    @Operation(summary = "Every interacting pair among up to 50 medicines {\"medicines\":[{\"id\"}]}: pair rows, class "
            + "rules and duplicate therapy, per active ingredient, most severe first; meta: checked, highestSeverity")
    public ApiResponse<List<InteractionFinding>> check(@Auth Caller caller, @NotNull CheckRequest request) {
        InteractionService.CheckResult result = interactions.check(caller, request);
        var meta = new LinkedHashMap<String, Object>();
        meta.put("checked", result.checked());
        meta.put("findings", result.findings().size());
        meta.put("highestSeverity", result.highestSeverity());
        return new ApiResponse<>(true, result.findings(), meta);
    }

    @GET
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Ingredient pairs of the knowledge base; filters: ingredient (either side), severity, origin "
            + "(bundled, import); sort: severity, ingredientA, ingredientB, updatedAt")
    public ApiResponse<List<InteractionView>> list(@Auth Caller caller, @QueryParam("ingredient") String ingredient,
                                                   @QueryParam("severity") String severity,
                                                   @QueryParam("origin") String origin,
                                                   @QueryParam("page") String page, @QueryParam("size") String size,
                                                   @QueryParam("sort") String sort) {
        return ApiResponse.of(interactions.pairs(caller, QueryValues.text(ingredient), QueryValues.text(severity),
                QueryValues.text(origin), PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("class-rules")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Class rules (class x class, class x ingredient); filters: class (code, either side), "
            + "severity; sort: severity, class, updatedAt")
    public ApiResponse<List<ClassRuleView>> classRules(@Auth Caller caller, @QueryParam("class") String classCode,
                                                       @QueryParam("severity") String severity,
                                                       @QueryParam("page") String page, @QueryParam("size") String size,
                                                       @QueryParam("sort") String sort) {
        return ApiResponse.of(interactions.classRules(caller, QueryValues.text(classCode), QueryValues.text(severity),
                PageRequest.parse(page, size, sort)));
    }

    @GET
    @Path("classes")
    @RolesAllowed({"medicines:read", "tenant:medicines:read"})
    @Operation(summary = "Drug classes with their member ingredients, by code (the codes patient allergies of kind "
            + "'class' name); filters: ingredient, allergyRelevant")
    public ApiResponse<List<DrugClassView>> classes(@Auth Caller caller, @QueryParam("ingredient") String ingredient,
                                                    @QueryParam("allergyRelevant") String allergyRelevant,
                                                    @QueryParam("page") String page, @QueryParam("size") String size,
                                                    @QueryParam("sort") String sort) {
        return ApiResponse.of(interactions.classes(caller, QueryValues.text(ingredient),
                QueryValues.bool("allergyRelevant", allergyRelevant), PageRequest.parse(page, size, sort)));
    }

    @POST
    @Path("import")
    @Consumes("text/csv")
    @RolesAllowed("medicines:write")
    @Operation(summary = "Import interactions (CSV with the columns of interactions.csv); upsert by pair; "
            + "?dryRun=true validates only")
    public ApiResponse<InteractionImportReport> importFile(@Auth Caller caller, @QueryParam("dryRun") String dryRun,
                                                           InputStream body, @Context HttpServletRequest http) {
        return ApiResponse.of(importer.run(Actor.of(caller, http), body,
                Boolean.TRUE.equals(QueryValues.bool("dryRun", dryRun))));
    }
}
