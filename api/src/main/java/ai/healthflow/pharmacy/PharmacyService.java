package ai.healthflow.pharmacy;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.tenant.Governorates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * Pharmacy profiles, the directory and nearby search.
 *
 * <p>Reading is public to every signed-in user: the directory is a deliberate cross-tenant read
 * ({@link Db#acrossTenants}) of the public profile columns. Writing a profile is for the platform
 * ({@code tenants:write}, any pharmacy) or the pharmacy's own tenant admin ({@code tenant:pharmacies:write}, in
 * its own tenant scope, so row-level security backs the check). "Open now" is evaluated in Cairo time from the
 * injected clock.
 */
public final class PharmacyService {
    static final List<String> TYPES = List.of("pharmacy", "pharmacy_chain");
    /**
     * Pharmacy {@code p} belongs to an active tenant. An anti-join on the small index of inactive tenants, so a
     * search does not read each candidate's tenant row.
     */
    public static final String LISTED =
            "NOT EXISTS (SELECT 1 FROM tenants inactive WHERE inactive.id = p.tenant_id AND inactive.status <> 'active')";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SORTABLE = Map.of("nameEn", "lower(t.name_en)",
            "rating", "coalesce(p.rating, -1)", "governorate", "t.governorate", "city", "lower(p.city_en)",
            "updatedAt", "p.updated_at");
    private static final String COLUMNS = """
            p.tenant_id, t.type, t.name_en, t.name_ar, t.governorate, t.status, p.address_en, p.address_ar, p.city_en,
            p.city_ar, p.latitude, p.longitude, p.phone, p.delivery, p.rating, p.hours::text AS hours, p.updated_at""";
    private static final String LIST_FILTER = """
             WHERE t.status = 'active'
               AND (CAST(:governorate AS text) IS NULL OR t.governorate = :governorate)
               AND (CAST(:city AS text) IS NULL OR lower(p.city_en) = lower(:city) OR p.city_ar = :city)
               AND (CAST(:delivery AS boolean) IS NULL OR p.delivery = CAST(:delivery AS boolean))
               AND (CAST(:q AS text) IS NULL OR t.name_en ILIKE :q OR t.name_ar ILIKE :q OR p.address_en ILIKE :q
                    OR p.address_ar ILIKE :q OR p.city_en ILIKE :q OR p.city_ar ILIKE :q)
               AND (NOT :openNow OR p.open_minutes @> CAST(:minute AS int))
            """;

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public PharmacyService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** A saved profile, and whether this request created it. */
    public record Saved(PharmacyView pharmacy, boolean created) {
    }

    /**
     * Active pharmacies to everyone; a suspended one only to {@code tenants:read} holders and its own staff.
     *
     * @throws PharmacyNotFound otherwise, and for a tenant without a pharmacy profile
     */
    public PharmacyView get(Caller caller, UUID id) {
        boolean privileged = caller.can("tenants:read") || id.equals(caller.tenantId());
        Instant now = clock.instant();
        return db.acrossTenants(handle -> find(handle, id, now))
                .filter(row -> privileged || row.active())
                .map(Row::view).orElseThrow(() -> new PharmacyNotFound(id));
    }

    /**
     * The directory of active pharmacies, by English name unless sorted otherwise.
     *
     * @param q matches names, addresses and cities in either language (case-insensitive substring)
     * @throws InvalidParameter (400) for an unknown governorate or sort field
     */
    public Page<PharmacyView> list(String governorate, String city, Boolean delivery, boolean openNow, String q,
                                   PageRequest page) {
        if (governorate != null && !Governorates.ALL.contains(governorate)) {
            throw new InvalidParameter("governorate", "must be one of " + Governorates.ALL);
        }
        if (q != null && q.length() > 200) {
            throw new InvalidParameter("q", "must be at most 200 characters");
        }
        String orderBy = page.orderBy(SORTABLE, "lower(t.name_en)") + ", p.tenant_id";
        Instant now = clock.instant();
        return db.acrossTenants(handle -> {
            Map<String, Object> binds = new HashMap<>();
            binds.put("governorate", governorate);
            binds.put("city", city);
            binds.put("delivery", delivery == null ? null : delivery.toString());
            binds.put("q", q == null ? null : "%" + likeEscaped(q) + "%");
            binds.put("openNow", openNow);
            binds.put("minute", OpeningHours.minuteOfWeek(now));
            long total = handle.createQuery("SELECT count(*) FROM pharmacies p JOIN tenants t ON t.id = p.tenant_id"
                    + LIST_FILTER).bindMap(binds).mapTo(Long.class).one();
            List<PharmacyView> items = handle.createQuery("SELECT " + COLUMNS
                            + " FROM pharmacies p JOIN tenants t ON t.id = p.tenant_id" + LIST_FILTER
                            + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> Row.map(rs, now, null).view()).list();
            return new Page<>(items, page, total);
        });
    }

    /**
     * Active pharmacies within the area, nearest first, each with {@code distanceKm}.
     *
     * @param delivery when not null, only pharmacies that do (or do not) deliver
     * @param openNow  only pharmacies open at this moment (Cairo time)
     */
    public Page<PharmacyView> nearby(SearchArea area, Boolean delivery, boolean openNow, PageRequest page) {
        Instant now = clock.instant();
        // The inner query ranks ids and distances only, from the location index alone (bounding box, then the exact
        // distance); the full rows and names are read for the one page that is returned.
        String sql = """
                WITH hits AS (
                    SELECT p.tenant_id, %s AS distance_km, count(*) OVER () AS total
                      FROM pharmacies p
                     WHERE %s AND %s
                       AND (CAST(:delivery AS boolean) IS NULL OR p.delivery = CAST(:delivery AS boolean))
                       AND (NOT :openNow OR p.open_minutes @> CAST(:minute AS int))
                     ORDER BY distance_km, p.tenant_id
                     LIMIT :limit OFFSET :offset)
                SELECT %s, h.distance_km, h.total
                  FROM hits h
                  JOIN pharmacies p ON p.tenant_id = h.tenant_id
                  JOIN tenants t ON t.id = h.tenant_id
                 ORDER BY h.distance_km, h.tenant_id
                """.formatted(SearchArea.DISTANCE, SearchArea.WITHIN, LISTED, COLUMNS);
        return db.acrossTenants(handle -> {
            long[] total = {0};
            List<PharmacyView> items = area.bind(handle.createQuery(sql))
                    .bind("delivery", delivery == null ? null : delivery.toString())
                    .bind("openNow", openNow)
                    .bind("minute", OpeningHours.minuteOfWeek(now))
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> {
                        total[0] = rs.getLong("total");
                        return Row.map(rs, now, rs.getDouble("distance_km")).view();
                    })
                    .list();
            if (items.isEmpty() && page.offset() > 0) { // past the last page: the window count saw no rows
                total[0] = area.bind(handle.createQuery("""
                                SELECT count(*) FROM pharmacies p
                                 WHERE %s AND %s
                                   AND (CAST(:delivery AS boolean) IS NULL OR p.delivery = CAST(:delivery AS boolean))
                                   AND (NOT :openNow OR p.open_minutes @> CAST(:minute AS int))
                                """.formatted(SearchArea.WITHIN, LISTED)))
                        .bind("delivery", delivery == null ? null : delivery.toString())
                        .bind("openNow", openNow)
                        .bind("minute", OpeningHours.minuteOfWeek(now))
                        .mapTo(Long.class).one();
            }
            return new Page<>(items, page, total[0]);
        });
    }

    /**
     * Creates or replaces a pharmacy's profile. The platform ({@code tenants:write}) may write any pharmacy and set
     * its rating; a tenant admin only their own pharmacy, keeping the rating it has. An absent rating keeps the
     * current one.
     *
     * @throws NotYourPharmacy  (403) for another pharmacy's tenant admin
     * @throws ValidationFailed (422) listing every invalid field
     * @throws PharmacyNotFound when the tenant does not exist or is not a pharmacy or pharmacy chain
     */
    public Saved save(Actor actor, UUID id, PharmacyProfileRequest request) {
        Caller caller = actor.caller();
        boolean platform = caller.can("tenants:write");
        if (!platform && !id.equals(caller.tenantId())) {
            throw new NotYourPharmacy("change its profile");
        }
        List<FieldError> errors = PharmacyValidator.validate(request);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return db.scoped(caller.tenantId(), platform, handle -> write(handle, actor, id, request, platform));
    }

    /** The platform's own write (demo data): creates the profile unless the pharmacy has one. */
    boolean createIfAbsent(Actor system, UUID id, PharmacyProfileRequest request) {
        List<FieldError> errors = PharmacyValidator.validate(request);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid pharmacy profile " + id + ": " + errors);
        }
        return db.acrossTenants(handle -> {
            boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM pharmacies WHERE tenant_id = :id)")
                    .bind("id", id).mapTo(Boolean.class).one();
            return !exists && write(handle, system, id, request, true).created();
        });
    }

    /** What a directory import did to one profile. */
    public enum Imported { CREATED, UPDATED, UNCHANGED }

    /**
     * The platform's write from a directory file, in the caller's transaction: creates the profile, replaces it
     * when the file says otherwise, or leaves an identical one untouched (not even {@code updated_at} moves, so
     * importing the same file again changes nothing). The request must be valid.
     */
    Imported importProfile(Handle handle, Actor system, UUID id, PharmacyProfileRequest request) {
        Instant now = now();
        Optional<Map<String, Object>> before = find(handle, id, now).map(Row::fields);
        // write, then compare what is stored: the same normalisation as the API, no second copy of its rules
        handle.savepoint("pharmacy_import");
        boolean created = write(handle, system, id, request, true).created();
        if (before.isPresent() && before.get().equals(find(handle, id, now).orElseThrow().fields())) {
            handle.rollbackToSavepoint("pharmacy_import");
            return Imported.UNCHANGED;
        }
        handle.releaseSavepoint("pharmacy_import");
        return created ? Imported.CREATED : Imported.UPDATED;
    }

    private Saved write(Handle handle, Actor actor, UUID id, PharmacyProfileRequest request, boolean platform) {
        OpeningHours hours = request.openingHours().normalized();
        Optional<String> type = handle.createQuery("SELECT type FROM tenants WHERE id = :id FOR UPDATE")
                .bind("id", id).mapTo(String.class).findOne();
        if (type.isEmpty() || !TYPES.contains(type.get())) {
            throw new PharmacyNotFound(id);
        }
        Instant now = now();
        Optional<Row> before = find(handle, id, now);
        BigDecimal rating = request.rating() == null
                ? before.map(Row::rating).orElse(null)
                : request.rating().setScale(1, RoundingMode.UNNECESSARY);
        if (!platform && request.rating() != null && !sameRating(rating, before.map(Row::rating).orElse(null))) {
            throw new ValidationFailed("rating", "is set by the platform, not by the pharmacy");
        }
        handle.createUpdate("""
                        INSERT INTO pharmacies (tenant_id, address_en, address_ar, city_en, city_ar, latitude, longitude,
                                                phone, delivery, rating, hours, open_minutes, created_at, updated_at)
                        VALUES (:id, :addressEn, :addressAr, :cityEn, :cityAr, :latitude, :longitude, :phone,
                                :delivery, :rating, CAST(:hours AS jsonb), CAST(:minutes AS int4multirange), :now, :now)
                        ON CONFLICT (tenant_id) DO UPDATE
                           SET address_en = EXCLUDED.address_en, address_ar = EXCLUDED.address_ar,
                               city_en = EXCLUDED.city_en, city_ar = EXCLUDED.city_ar,
                               latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                               phone = EXCLUDED.phone, delivery = EXCLUDED.delivery, rating = EXCLUDED.rating,
                               hours = EXCLUDED.hours, open_minutes = EXCLUDED.open_minutes,
                               updated_at = EXCLUDED.updated_at
                        """)
                .bind("id", id)
                .bind("addressEn", request.addressEn().strip())
                .bind("addressAr", request.addressAr().strip())
                .bind("cityEn", request.cityEn().strip())
                .bind("cityAr", request.cityAr().strip())
                .bind("latitude", request.latitude().doubleValue())
                .bind("longitude", request.longitude().doubleValue())
                .bind("phone", request.phone() == null || request.phone().isBlank() ? null : request.phone().strip())
                .bind("delivery", Boolean.TRUE.equals(request.delivery()))
                .bind("rating", rating)
                .bind("hours", json(hours))
                .bind("minutes", hours.multirange())
                .bind("now", utc(now))
                .execute();
        handle.createUpdate("""
                        UPDATE tenants SET governorate = :governorate, updated_at = :now
                         WHERE id = :id AND governorate IS DISTINCT FROM :governorate
                        """)
                .bind("governorate", request.governorate()).bind("now", utc(now)).bind("id", id).execute();
        Row after = find(handle, id, now).orElseThrow();
        Map<String, Object> changes = Changes.between(before.map(Row::fields).orElse(Map.of()), after.fields());
        if (!changes.isEmpty()) {
            audit.record(handle, actor, AuditEvent.of(before.isEmpty() ? "pharmacy.created" : "pharmacy.updated",
                    "pharmacy", id, id).withChanges(changes));
        }
        return new Saved(after.view(), before.isEmpty());
    }

    private static boolean sameRating(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Optional<Row> find(Handle handle, UUID id, Instant now) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM pharmacies p JOIN tenants t ON t.id = p.tenant_id"
                        + " WHERE p.tenant_id = :id")
                .bind("id", id).map((rs, ctx) -> Row.map(rs, now, null)).findOne();
    }

    static String json(OpeningHours hours) {
        try {
            return JSON.writeValueAsString(hours);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpeningHours hours(String json) {
        try {
            return JSON.readValue(json, OpeningHours.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code %} and {@code _} in the client's text are literal characters, not wildcards. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }


    /** A profile row with its tenant's names, and whether it is open at the moment it was read for. */
    private record Row(PharmacyView view, boolean active, BigDecimal rating) {
        static Row map(ResultSet rs, Instant now, Double distanceKm) throws SQLException {
            OpeningHours hours = hours(rs.getString("hours"));
            OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
            BigDecimal rating = rs.getBigDecimal("rating");
            var view = new PharmacyView(rs.getObject("tenant_id", UUID.class), rs.getString("type"),
                    rs.getString("name_en"), rs.getString("name_ar"), rs.getString("address_en"),
                    rs.getString("address_ar"), rs.getString("city_en"), rs.getString("city_ar"),
                    rs.getString("governorate"), rs.getDouble("latitude"), rs.getDouble("longitude"),
                    rs.getString("phone"), rs.getBoolean("delivery"), rating, hours, hours.isOpenAt(now),
                    distanceKm == null ? null : Math.round(distanceKm * 1000) / 1000.0,
                    updated == null ? null : updated.toInstant());
            return new Row(view, "active".equals(rs.getString("status")), rating);
        }

        /** The audited fields. */
        Map<String, Object> fields() {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("addressEn", view.addressEn());
            fields.put("addressAr", view.addressAr());
            fields.put("cityEn", view.cityEn());
            fields.put("cityAr", view.cityAr());
            fields.put("governorate", view.governorate());
            fields.put("latitude", view.latitude());
            fields.put("longitude", view.longitude());
            fields.put("phone", view.phone());
            fields.put("delivery", view.delivery());
            fields.put("rating", view.rating() == null ? null : view.rating().toPlainString());
            fields.put("openingHours", json(view.openingHours()));
            return fields;
        }
    }
}
