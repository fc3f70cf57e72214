package ai.healthflow.signal;

import ai.healthflow.platform.error.InvalidParameter;
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

/**
 * Pharmacovigilance signals (national figures over every tenant's adverse-event reports): the regulator's
 * analysts only ({@code analytics:read}: EDA officers and super admins). A tenant admin's
 * {@code tenant:analytics:read} does not reach them: they are unconfirmed hypotheses about medicines drawn from
 * other facilities' reports, for the regulator to assess (docs/api.md).
 */
@Path("/api/v2/analytics/signals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public final class SignalResource {
    private final SignalService signals;

    public SignalResource(SignalService signals) {
        this.signals = signals;
    }

    @GET
    @RolesAllowed("analytics:read")
    @Operation(summary = "(Ingredient, reaction) pairs of the latest completed signal-detection run (or runId) with "
            + "their 2x2 counts, PRR, ROR, chi-square and IC; filters: ingredient (English generic name, any case), "
            + "reaction (any case), onlySignals, onlyNew; signals first, then most reports, then highest PRR; "
            + "sort: a, prr, ror, rorLower95, chiSquare, ic, ic025, ingredient, reaction")
    public ApiResponse<List<SignalView>> list(@QueryParam("ingredient") String ingredient,
                                              @QueryParam("reaction") String reaction,
                                              @QueryParam("onlySignals") String onlySignals,
                                              @QueryParam("onlyNew") String onlyNew,
                                              @QueryParam("runId") String runId,
                                              @QueryParam("page") String page, @QueryParam("size") String size,
                                              @QueryParam("sort") String sort) {
        var query = new SignalService.Query(QueryValues.text(ingredient), QueryValues.text(reaction),
                Boolean.TRUE.equals(QueryValues.bool("onlySignals", onlySignals)),
                Boolean.TRUE.equals(QueryValues.bool("onlyNew", onlyNew)), runId(runId));
        return ApiResponse.of(signals.list(query, PageRequest.parse(page, size, sort)));
    }

    private static Long runId(String value) {
        String text = QueryValues.text(value);
        if (text == null) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id < 1) {
                throw new InvalidParameter("runId", "must be a positive whole number");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidParameter("runId", "must be a positive whole number");
        }
    }
}
