package ai.healthflow.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON bodies of the analytics API (camelCase records; see docs/api.md "Analytics"). */
public final class AnalyticsViews {
    private AnalyticsViews() {
    }

    /**
     * Whose data an answer covers: {@code all} tenants (regulator) or one {@code tenant} (its admins).
     *
     * @param tenantId null for all
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String kind, UUID tenantId, String tenantName) {
        static Scope all() {
            return new Scope("all", null, null);
        }
    }

    /** Inclusive Cairo days. */
    public record Period(LocalDate from, LocalDate to) {
    }

    /**
     * A key figure over the range and the range before it.
     *
     * @param change        value − previous
     * @param changePercent relative change in percent, null when previous is 0
     */
    public record Kpi(Number value, Number previous, Number change, Double changePercent) {
    }

    public record SystemKpis(Kpi prescriptionsIssued, Kpi prescriptionsDispensed, Kpi dispensingRate,
                             Kpi prescriptionItems, Kpi dispensings, Kpi adverseEvents, Kpi seriousAdverseEvents,
                             Kpi recallsOpened, Kpi recallNotices, Kpi recallAcknowledgements,
                             Kpi averageDailyActiveUsers, Kpi peakDailyActiveUsers) {
    }

    /** One bucket of the trend: a day, or an ISO week clipped to the range. */
    public record SeriesPoint(LocalDate from, LocalDate to, long prescriptionsIssued, long prescriptionsDispensed,
                              Double dispensingRate, long dispensings, long adverseEvents, long seriousAdverseEvents,
                              long recallAcknowledgements, double averageDailyActiveUsers) {
    }

    /** @param interval day or week */
    public record Series(String interval, List<SeriesPoint> points) {
    }

    /** @param builtAt when the newest fact of the range was built; null when none has been */
    public record SystemAnalytics(Scope scope, String timeRange, Period period, Period previousPeriod,
                                  Instant builtAt, SystemKpis kpis, Series series) {
    }

    /**
     * Prescribing (in the prescriber's tenant, on the issue day) and dispensing (in the pharmacy's tenant, on the
     * dispensing day). For a medicine or an ATC group, prescriptions and dispensings are those naming it.
     *
     * @param prescriptionsDispensed of the prescriptions issued in the period, those with any unit handed over since
     * @param dispensingRate         prescriptionsDispensed / prescriptionsIssued; null without prescriptions
     */
    public record PrescriptionMeasures(long prescriptionsIssued, long prescriptionsDispensed, Double dispensingRate,
                                       long itemsPrescribed, long quantityPrescribed, long itemsDispensed,
                                       long quantityDispensed, long dispensings, long dispensedItems,
                                       long dispensedQuantity, long substitutions) {
    }

    /** Cases by E2B seriousness criterion of their current version (a case may meet several). */
    public record SeriousnessCriteria(long death, long lifeThreatening, long hospitalisation, long disability,
                                      long congenitalAnomaly, long otherMedicallyImportant) {
    }

    /**
     * Adverse-event cases in the reporter's tenant, on the day first received. For a medicine or an ATC group, the
     * cases naming it as suspect.
     *
     * @param seriousnessCriteria null for medicine and ATC groups (kept per tenant and day only)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AdverseEventMeasures(long adverseEvents, long serious, long nonSerious, Double seriousRate,
                                       SeriousnessCriteria seriousnessCriteria) {
    }

    /**
     * One group of a breakdown.
     *
     * @param key     the day (2026-11-01), week's Monday, month (2026-11), governorate, tenant id, medicine id or ATC
     *                code; {@code unclassified} for medicines whose ATC code does not reach the level
     * @param name    English label (tenant or trade name; the key otherwise)
     * @param nameAr  Arabic label, for tenants and medicines
     * @param from    first day of a time bucket inside the period
     * @param to      last day of a time bucket inside the period
     * @param atcCode the medicine's full ATC code
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group<M>(String key, String name, String nameAr, LocalDate from, LocalDate to, String atcCode,
                           M measures) {
    }

    /**
     * @param totalGroups groups before the limit (time groups are never cut)
     */
    public record Breakdown<M>(Scope scope, String timeRange, Period period, String groupBy, Instant builtAt,
                               M totals, List<Group<M>> groups, int totalGroups) {
    }
}
