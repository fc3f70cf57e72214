package ai.healthflow.analytics;

import ai.healthflow.analytics.AnalyticsViews.AdverseEventMeasures;
import ai.healthflow.analytics.AnalyticsViews.Breakdown;
import ai.healthflow.analytics.AnalyticsViews.PrescriptionMeasures;
import ai.healthflow.analytics.AnalyticsViews.SystemAnalytics;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.QueryValues;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Analytics from the batch-built facts. The regulator (analytics:read) sees every tenant; a tenant admin
 * (tenant:analytics:read) its own tenant. Parameters: timeRange 7d|30d|90d|1y (default 30d), to (last day, default
 * yesterday in Cairo), groupBy, limit. ({@code /api/v2/analytics/signals} belongs to the signal package.)
 */
@Path("/api/v2/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public final class AnalyticsResource {
    private final AnalyticsService analytics;

    public AnalyticsResource(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("system")
    @RolesAllowed({AnalyticsService.READ_ALL, "tenant:analytics:read"})
    @Operation(summary = "System KPIs over the period and the one before it (prescriptions, dispensing rate, adverse "
            + "events, recalls, active users) and a daily (7d, 30d) or weekly (90d, 1y) trend")
    public ApiResponse<SystemAnalytics> system(@Auth Caller caller, @QueryParam("timeRange") String timeRange,
                                               @QueryParam("to") String to) {
        return ApiResponse.of(analytics.system(caller, TimeRange.parse(timeRange), QueryValues.date("to", to)));
    }

    @GET
    @Path("prescriptions")
    @RolesAllowed({AnalyticsService.READ_ALL, "tenant:analytics:read"})
    @Operation(summary = "Prescriptions issued and dispensed, items, quantities and dispensings, by day, week, month, "
            + "governorate, tenant, medicine or ATC level 1-3 (groupBy, default day; limit 1-500, default 50, for "
            + "the non-time groups, largest first)")
    public ApiResponse<Breakdown<PrescriptionMeasures>> prescriptions(@Auth Caller caller,
                                                                      @QueryParam("timeRange") String timeRange,
                                                                      @QueryParam("groupBy") String groupBy,
                                                                      @QueryParam("to") String to,
                                                                      @QueryParam("limit") String limit) {
        return ApiResponse.of(analytics.prescriptions(caller, TimeRange.parse(timeRange), GroupBy.parse(groupBy),
                QueryValues.date("to", to), limit(limit)));
    }

    @GET
    @Path("adverse-events")
    @RolesAllowed({AnalyticsService.READ_ALL, "tenant:analytics:read"})
    @Operation(summary = "Adverse-event cases, serious and not, by seriousness criterion, by the same groupings "
            + "(medicine and ATC groups count the cases naming them as suspect)")
    public ApiResponse<Breakdown<AdverseEventMeasures>> adverseEvents(@Auth Caller caller,
                                                                      @QueryParam("timeRange") String timeRange,
                                                                      @QueryParam("groupBy") String groupBy,
                                                                      @QueryParam("to") String to,
                                                                      @QueryParam("limit") String limit) {
        return ApiResponse.of(analytics.adverseEvents(caller, TimeRange.parse(timeRange), GroupBy.parse(groupBy),
                QueryValues.date("to", to), limit(limit)));
    }

    private static int limit(String limit) {
        String text = QueryValues.text(limit);
        return AnalyticsService.limit(text == null ? null : QueryValues.integer("limit", text, AnalyticsService.DEFAULT_LIMIT));
    }
}
