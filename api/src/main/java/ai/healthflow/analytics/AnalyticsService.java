package ai.healthflow.analytics;

import ai.healthflow.analytics.AnalyticsViews.AdverseEventMeasures;
import ai.healthflow.analytics.AnalyticsViews.Breakdown;
import ai.healthflow.analytics.AnalyticsViews.Group;
import ai.healthflow.analytics.AnalyticsViews.Kpi;
import ai.healthflow.analytics.AnalyticsViews.Period;
import ai.healthflow.analytics.AnalyticsViews.PrescriptionMeasures;
import ai.healthflow.analytics.AnalyticsViews.Scope;
import ai.healthflow.analytics.AnalyticsViews.Series;
import ai.healthflow.analytics.AnalyticsViews.SeriesPoint;
import ai.healthflow.analytics.AnalyticsViews.SeriousnessCriteria;
import ai.healthflow.analytics.AnalyticsViews.SystemAnalytics;
import ai.healthflow.analytics.AnalyticsViews.SystemKpis;
import ai.healthflow.batch.analytics.AnalyticsCalendar;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.InvalidParameter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Answers the analytics questions from the batch-built facts: analytics_daily_tenant for totals, trends and the
 * time, governorate and tenant breakdowns; analytics_daily_national (regulator) or analytics_daily_medicine (one
 * tenant) for the medicine and ATC breakdowns, whose distinct counts come from the representative columns (x_atcN).
 *
 * <p>Scope: a caller holding {@code analytics:read} sees every tenant; {@code tenant:analytics:read} only its own
 * (explicit filter plus row-level security through {@link Db#inTenant}).
 *
 * <p>Cache: answers are kept in Caffeine for {@link #TTL}, keyed by scope, question, parameters and the facts'
 * version (the highest {@code analytics_days.build_seq}, one index probe per request). Any day rebuilt by any
 * process changes the version, so a cached answer is never served over newer facts; {@link #invalidate()} (called
 * when an analytics-daily run ends in this process) also frees the memory at once.
 */
public final class AnalyticsService {
    public static final String READ_ALL = "analytics:read";
    public static final Duration TTL = Duration.ofSeconds(60);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private record Key(String question, UUID tenant, TimeRange range, GroupBy groupBy, LocalDate to, int limit,
                       long version) {
    }

    private final Db db;
    private final Clock clock;
    private final Cache<Key, Object> cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(2_000).build();

    public AnalyticsService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Drops every cached answer. */
    public void invalidate() {
        cache.invalidateAll();
    }

    /** Cached answers right now (for tests and the health page). */
    public long cachedAnswers() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * The last day of a period: {@code to} when given, else yesterday (the last complete day in Cairo).
     *
     * @throws InvalidParameter naming {@code to} when it is after today
     */
    public LocalDate lastDay(LocalDate to) {
        LocalDate today = AnalyticsCalendar.today(clock);
        if (to == null) {
            return today.minusDays(1);
        }
        if (to.isAfter(today)) {
            throw new InvalidParameter("to", "must not be after today (" + today + ", Africa/Cairo)");
        }
        return to;
    }

    /** @throws InvalidParameter naming {@code limit} outside 1..{@value #MAX_LIMIT} */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    public SystemAnalytics system(Caller caller, TimeRange range, LocalDate to) {
        LocalDate last = lastDay(to);
        return cached(caller, "system", range, null, last, 0, handle -> system(handle, scope(caller), range, last));
    }

    public Breakdown<PrescriptionMeasures> prescriptions(Caller caller, TimeRange range, GroupBy groupBy,
                                                        LocalDate to, int limit) {
        LocalDate last = lastDay(to);
        return cached(caller, "prescriptions", range, groupBy, last, limit,
                handle -> breakdown(handle, scope(caller), range, groupBy, last, limit, PRESCRIPTIONS));
    }

    public Breakdown<AdverseEventMeasures> adverseEvents(Caller caller, TimeRange range, GroupBy groupBy,
                                                        LocalDate to, int limit) {
        LocalDate last = lastDay(to);
        return cached(caller, "adverse-events", range, groupBy, last, limit,
                handle -> breakdown(handle, scope(caller), range, groupBy, last, limit, ADVERSE_EVENTS));
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Caller caller, String question, TimeRange range, GroupBy groupBy, LocalDate to, int limit,
                         Function<Handle, T> answer) {
        boolean all = caller.can(READ_ALL);
        UUID tenant = all ? null : caller.tenantId();
        long version = db.unscoped(handle -> handle.createQuery("SELECT coalesce(max(build_seq), 0) FROM analytics_days")
                .mapTo(Long.class).one());
        Key key = new Key(question, tenant, range, groupBy, to, limit, version);
        return (T) cache.get(key, k -> db.scoped(caller.tenantId(), all, answer::apply));
    }

    private static Scope scope(Caller caller) {
        if (caller.can(READ_ALL)) {
            return Scope.all();
        }
        return new Scope("tenant", caller.tenantId(), caller.tenantName());
    }

    // ------------------------------------------------------------------------------------------------ system

    private SystemAnalytics system(Handle handle, Scope scope, TimeRange range, LocalDate last) {
        Period current = new Period(last.minusDays(range.days() - 1), last);
        Period previous = new Period(current.from().minusDays(range.days()), current.from().minusDays(1));
        Map<LocalDate, long[]> days = new HashMap<>();
        Query daily = handle.createQuery("""
                        SELECT day, sum(prescriptions), sum(prescriptions_dispensed), sum(items_prescribed), sum(dispensings),
                               sum(adverse_events), sum(adverse_events_serious), sum(recall_notices),
                               sum(recall_acknowledgements), sum(active_users)
                          FROM analytics_daily_tenant
                         WHERE day BETWEEN :from AND :to AND (CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid))
                         GROUP BY day
                        """)
                .bind("from", previous.from()).bind("to", current.to()).bind("tenant", tenantParameter(scope));
        daily.map((rs, ctx) -> {
            long[] v = new long[10];
            for (int i = 0; i < 9; i++) {
                v[i] = rs.getLong(i + 2);
            }
            days.put(rs.getDate(1).toLocalDate(), v);
            return null;
        }).list();
        Map<LocalDate, Long> opened = new HashMap<>();
        handle.createQuery("""
                        SELECT day, sum(recalls_opened) FROM analytics_daily_national
                         WHERE day BETWEEN :from AND :to AND recalls_opened > 0 GROUP BY day
                        """)
                .bind("from", previous.from()).bind("to", current.to())
                .map((rs, ctx) -> opened.put(rs.getDate(1).toLocalDate(), rs.getLong(2))).list();

        Totals now = Totals.over(current, days, opened);
        Totals before = Totals.over(previous, days, opened);
        var kpis = new SystemKpis(kpi(now.v[0], before.v[0]), kpi(now.v[1], before.v[1]),
                kpi(rate(now.v[1], now.v[0]), rate(before.v[1], before.v[0])), kpi(now.v[2], before.v[2]),
                kpi(now.v[3], before.v[3]), kpi(now.v[4], before.v[4]), kpi(now.v[5], before.v[5]),
                kpi(now.opened, before.opened), kpi(now.v[6], before.v[6]), kpi(now.v[7], before.v[7]),
                kpi(round(now.averageActive, 1), round(before.averageActive, 1)), kpi(now.peakActive, before.peakActive));

        List<SeriesPoint> points = new ArrayList<>();
        for (Period bucket : buckets(current, range.series() == TimeRange.Interval.DAY ? GroupBy.DAY : GroupBy.WEEK)) {
            Totals t = Totals.over(bucket, days, opened);
            points.add(new SeriesPoint(bucket.from(), bucket.to(), t.v[0], t.v[1], rate(t.v[1], t.v[0]), t.v[3], t.v[4],
                    t.v[5], t.v[7], round(t.averageActive, 1)));
        }
        return new SystemAnalytics(scope, range.value(), current, previous, builtAt(handle, current), kpis,
                new Series(range.series().name().toLowerCase(java.util.Locale.ROOT), points));
    }

    /** Sums of the daily figures over a period; active users as the mean and the peak of the daily counts. */
    private record Totals(long[] v, long opened, double averageActive, long peakActive) {
        static Totals over(Period period, Map<LocalDate, long[]> days, Map<LocalDate, Long> opened) {
            long[] sums = new long[10];
            long recalls = 0, active = 0, peak = 0;
            int count = 0;
            for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
                long[] v = days.getOrDefault(d, new long[10]);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += v[i];
                }
                recalls += opened.getOrDefault(d, 0L);
                active += v[8];
                peak = Math.max(peak, v[8]);
                count++;
            }
            return new Totals(sums, recalls, count == 0 ? 0 : (double) active / count, peak);
        }
    }

    // ------------------------------------------------------------------------------------------------ breakdowns

    /** How one question reads and shapes its measures. */
    private record Question<M>(String tenantColumns, Function<GroupBy, String> medicineColumns, RowMapper<M> tenantRow,
                               RowMapper<M> medicineRow, Function<M, Long> primary, M empty,
                               java.util.function.Predicate<M> counts) {
    }

    @FunctionalInterface
    private interface RowMapper<M> {
        M map(ResultSet rs, int first) throws SQLException;
    }

    private static final Question<PrescriptionMeasures> PRESCRIPTIONS = new Question<>(
            "sum(prescriptions), sum(prescriptions_dispensed), sum(items_prescribed), sum(quantity_prescribed), "
                    + "sum(items_dispensed), sum(quantity_dispensed), sum(dispensings), sum(dispensed_items), "
                    + "sum(dispensed_quantity), sum(substitutions)",
            g -> "sum(%1$s), sum(%2$s), sum(items_prescribed), sum(quantity_prescribed), sum(items_dispensed), "
                    .formatted(rep("prescriptions", g), rep("prescriptions_dispensed", g))
                    + "sum(quantity_dispensed), sum(%s), sum(dispensed_items), sum(dispensed_quantity), sum(substitutions)"
                    .formatted(rep("dispensings", g)),
            AnalyticsService::prescriptionMeasures, AnalyticsService::prescriptionMeasures,
            PrescriptionMeasures::prescriptionsIssued,
            new PrescriptionMeasures(0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0),
            m -> m.prescriptionsIssued() + m.itemsPrescribed() + m.dispensings() + m.dispensedItems() > 0);

    private static final Question<AdverseEventMeasures> ADVERSE_EVENTS = new Question<>(
            "sum(adverse_events), sum(adverse_events_serious), sum(ae_death), sum(ae_life_threatening), "
                    + "sum(ae_hospitalisation), sum(ae_disability), sum(ae_congenital_anomaly), sum(ae_other_medically_important)",
            g -> "sum(%s), sum(%s)".formatted(rep("adverse_events", g), rep("adverse_events_serious", g)),
            (rs, i) -> adverseEventMeasures(rs.getLong(i), rs.getLong(i + 1), new SeriousnessCriteria(rs.getLong(i + 2),
                    rs.getLong(i + 3), rs.getLong(i + 4), rs.getLong(i + 5), rs.getLong(i + 6), rs.getLong(i + 7))),
            (rs, i) -> adverseEventMeasures(rs.getLong(i), rs.getLong(i + 1), null),
            AdverseEventMeasures::adverseEvents,
            adverseEventMeasures(0, 0, new SeriousnessCriteria(0, 0, 0, 0, 0, 0)),
            m -> m.adverseEvents() > 0);

    /** The column counting distinct entities at the grouping's level: x_atcN for an ATC grouping, x otherwise. */
    private static String rep(String column, GroupBy groupBy) {
        return groupBy.atcLevel() > 0 ? column + "_atc" + groupBy.atcLevel() : column;
    }

    private <M> Breakdown<M> breakdown(Handle handle, Scope scope, TimeRange range, GroupBy groupBy, LocalDate last,
                                       int limit, Question<M> question) {
        Period period = new Period(last.minusDays(range.days() - 1), last);
        String tenant = tenantParameter(scope);
        M totals = handle.createQuery("SELECT " + question.tenantColumns() + " FROM analytics_daily_tenant"
                        + " WHERE day BETWEEN :from AND :to AND (CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid))")
                .bind("from", period.from()).bind("to", period.to()).bind("tenant", tenant)
                .map((rs, ctx) -> question.tenantRow().map(rs, 1)).one();

        Map<String, M> measures = new LinkedHashMap<>();
        if (groupBy.byMedicine()) {
            // the regulator reads the national rows (a medicine's day across tenants); a tenant its own rows
            String table = tenant == null ? "analytics_daily_national" : "analytics_daily_medicine";
            String key = groupBy == GroupBy.MEDICINE ? "CAST(medicine_id AS text)" : "atc" + groupBy.atcLevel();
            handle.createQuery("SELECT " + key + ", " + question.medicineColumns().apply(groupBy) + " FROM " + table
                            + " WHERE day BETWEEN :from AND :to"
                            + (tenant == null ? "" : " AND tenant_id = CAST(:tenant AS uuid)") + " GROUP BY 1")
                    .bind("from", period.from()).bind("to", period.to()).bind("tenant", tenant)
                    .map((rs, ctx) -> measures.put(rs.getString(1), question.medicineRow().map(rs, 2))).list();
        } else {
            String key = switch (groupBy) {
                case DAY -> "CAST(day AS text)";
                case WEEK -> "CAST(CAST(date_trunc('week', day) AS date) AS text)";
                case MONTH -> "to_char(day, 'YYYY-MM')";
                case GOVERNORATE -> "governorate";
                case TENANT -> "CAST(tenant_id AS text)";
                default -> throw new IllegalStateException(groupBy.value());
            };
            handle.createQuery("SELECT " + key + ", " + question.tenantColumns() + " FROM analytics_daily_tenant"
                            + " WHERE day BETWEEN :from AND :to AND (CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid))"
                            + " GROUP BY 1")
                    .bind("from", period.from()).bind("to", period.to()).bind("tenant", tenant)
                    .map((rs, ctx) -> measures.put(rs.getString(1), question.tenantRow().map(rs, 2))).list();
        }

        List<Group<M>> groups = new ArrayList<>();
        int total;
        if (groupBy.isTime()) {
            M empty = question.empty();
            for (Period bucket : buckets(period, groupBy)) {
                String key = groupBy == GroupBy.MONTH ? bucket.from().toString().substring(0, 7)
                        : groupBy == GroupBy.WEEK ? bucket.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString()
                        : bucket.from().toString();
                groups.add(new Group<>(key, key, null, bucket.from(), bucket.to(), null, measures.getOrDefault(key, empty)));
            }
            total = groups.size();
        } else {
            // a medicine, tenant or group with facts of the other kind only (prescribed, never reported) is left out
            List<Map.Entry<String, M>> sorted = new ArrayList<>(measures.entrySet().stream()
                    .filter(e -> question.counts().test(e.getValue())).toList());
            sorted.sort(Comparator.<Map.Entry<String, M>>comparingLong(e -> question.primary().apply(e.getValue())).reversed()
                    .thenComparing(Map.Entry::getKey));
            total = sorted.size();
            List<Map.Entry<String, M>> shown = sorted.subList(0, Math.min(limit, sorted.size()));
            Map<String, String[]> labels = labels(handle, groupBy, shown.stream().map(Map.Entry::getKey).toList());
            for (Map.Entry<String, M> e : shown) {
                String[] label = labels.getOrDefault(e.getKey(), new String[]{e.getKey(), null, null});
                String key = groupBy.atcLevel() > 0 && e.getKey().isEmpty() ? "unclassified" : e.getKey();
                groups.add(new Group<>(key, label[0], label[1], null, null, label[2], e.getValue()));
            }
        }
        return new Breakdown<>(scope, range.value(), period, groupBy.value(), builtAt(handle, period), totals, groups, total);
    }

    /** English name, Arabic name and ATC code of the groups that have them. */
    private static Map<String, String[]> labels(Handle handle, GroupBy groupBy, List<String> keys) {
        Map<String, String[]> labels = new HashMap<>();
        if (groupBy == GroupBy.TENANT && !keys.isEmpty()) {
            handle.createQuery("SELECT CAST(id AS text), name_en, name_ar FROM tenants WHERE CAST(id AS text) IN (<ids>)")
                    .bindList("ids", keys)
                    .map((rs, ctx) -> labels.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), null})).list();
        } else if (groupBy == GroupBy.MEDICINE && !keys.isEmpty()) {
            handle.createQuery("SELECT CAST(id AS text), trade_name_en, trade_name_ar, atc_code FROM medicines WHERE CAST(id AS text) IN (<ids>)")
                    .bindList("ids", keys)
                    .map((rs, ctx) -> labels.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), rs.getString(4)})).list();
        } else if (groupBy == GroupBy.GOVERNORATE) {
            labels.put("unknown", new String[]{"Unknown (tenant without a governorate)", null, null});
        } else if (groupBy.atcLevel() > 0) {
            labels.put("", new String[]{"Unclassified (ATC code missing or shorter than level " + groupBy.atcLevel() + ")", null, null});
        }
        return labels;
    }

    /** The period cut into days, ISO weeks (Monday-Sunday) or calendar months, the first and last clipped to it. */
    static List<Period> buckets(Period period, GroupBy groupBy) {
        List<Period> buckets = new ArrayList<>();
        LocalDate start = period.from();
        while (!start.isAfter(period.to())) {
            LocalDate end = switch (groupBy) {
                case DAY -> start;
                case WEEK -> start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
                default -> throw new IllegalArgumentException(groupBy.value());
            };
            if (end.isAfter(period.to())) {
                end = period.to();
            }
            buckets.add(new Period(start, end));
            start = end.plusDays(1);
        }
        return buckets;
    }

    private static Instant builtAt(Handle handle, Period period) {
        return handle.createQuery("SELECT max(built_at) FROM analytics_days WHERE day BETWEEN :from AND :to")
                .bind("from", period.from()).bind("to", period.to())
                .map((rs, ctx) -> {
                    Timestamp t = rs.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                }).findOne().orElse(null);
    }

    private static String tenantParameter(Scope scope) {
        return scope.tenantId() == null ? null : scope.tenantId().toString();
    }

    /** Reads ten prescription sums starting at column {@code i}. */
    private static PrescriptionMeasures prescriptionMeasures(ResultSet rs, int i) throws SQLException {
        long[] v = new long[10];
        for (int k = 0; k < 10; k++) {
            v[k] = rs.getLong(i + k);
        }
        return new PrescriptionMeasures(v[0], v[1], rate(v[1], v[0]), v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    private static AdverseEventMeasures adverseEventMeasures(long events, long serious, SeriousnessCriteria criteria) {
        return new AdverseEventMeasures(events, serious, events - serious, rate(serious, events), criteria);
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 4);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static Kpi kpi(long value, long previous) {
        return new Kpi(value, previous, value - previous,
                previous == 0 ? null : round((value - previous) * 100.0 / previous, 1));
    }

    static Kpi kpi(Double value, Double previous) {
        if (value == null || previous == null) {
            return new Kpi(value, previous, null, null);
        }
        return new Kpi(value, previous, round(value - previous, 4),
                previous == 0 ? null : round((value - previous) * 100.0 / previous, 1));
    }
}
