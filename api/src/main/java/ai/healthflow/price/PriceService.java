package ai.healthflow.price;

import ai.healthflow.medicine.MedicineNotFound;
import ai.healthflow.pharmacy.PharmacyService;
import ai.healthflow.pharmacy.SearchArea;
import ai.healthflow.platform.db.Db;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Compares what a medicine costs: its official price and history, the selling prices of the pharmacies in an area,
 * and cheaper therapeutic equivalents. Open to every signed-in user, so the pharmacies' prices are read through a
 * deliberate cross-tenant query ({@link Db#acrossTenants}) that selects only price, stock state and distance.
 */
public final class PriceService {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_EQUIVALENTS = 20;

    private final Db db;

    public PriceService(Db db) {
        this.db = db;
    }

    /**
     * @param limit how many pharmacies to list (1 to {@link #MAX_LIMIT}); the summary always covers all of them
     * @throws MedicineNotFound when no medicine has this id
     */
    public PriceComparison compare(UUID medicineId, SearchArea area, int limit) {
        return db.acrossTenants(handle -> {
            Target target = handle.createQuery("""
                            SELECT id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                                   strength, dosage_form, status, price_egp
                              FROM medicines WHERE id = :id
                            """)
                    .bind("id", medicineId).map((rs, ctx) -> Target.map(rs)).findOne()
                    .orElseThrow(() -> new MedicineNotFound(medicineId.toString()));
            List<PriceComparison.PricePoint> history = handle.createQuery("""
                            SELECT price_egp, effective_from FROM medicine_price_history WHERE medicine_id = :id
                             ORDER BY effective_from, id
                            """)
                    .bind("id", medicineId)
                    .map((rs, ctx) -> new PriceComparison.PricePoint(rs.getBigDecimal("price_egp"),
                            rs.getObject("effective_from", OffsetDateTime.class).toInstant()))
                    .list();
            Offers offers = offers(handle, target, area, limit);
            PriceComparison.Offer cheapest = offers.items().isEmpty() || !offers.items().getFirst().inStock()
                    ? null : offers.items().getFirst();
            return new PriceComparison(target.medicine(), target.price(), history,
                    new PriceComparison.Area(area.latitude(), area.longitude(), area.radiusKm()), offers.summary(),
                    cheapest, offers.items(), equivalents(handle, target));
        });
    }

    private record Offers(PriceComparison.Summary summary, List<PriceComparison.Offer> items) {
    }

    private static Offers offers(Handle handle, Target target, SearchArea area, int limit) {
        // Candidates come from the location index (bounding box, then exact distance) and each is looked up in the
        // stock by its primary key; the window aggregates summarise every offer before the list is cut to the limit,
        // and the names are read for the listed ones only.
        String sql = """
                WITH offers AS (
                    SELECT p.tenant_id, %s AS distance_km, s.price_egp, s.quantity > 0 AS in_stock
                      FROM pharmacies p
                      JOIN pharmacy_stock s ON s.tenant_id = p.tenant_id AND s.medicine_id = :medicine
                     WHERE %s AND %s),
                listed AS (
                    SELECT o.*, count(*) OVER () AS total, count(*) FILTER (WHERE o.in_stock) OVER () AS in_stock_total,
                           min(o.price_egp) OVER () AS min_price, max(o.price_egp) OVER () AS max_price,
                           round(avg(o.price_egp) OVER (), 2) AS average_price
                      FROM offers o
                     ORDER BY o.in_stock DESC, o.price_egp, o.distance_km, o.tenant_id
                     LIMIT :limit)
                SELECT l.*, t.name_en, t.name_ar, t.governorate, p.city_en, p.city_ar, p.latitude, p.longitude,
                       p.delivery
                  FROM listed l
                  JOIN pharmacies p ON p.tenant_id = l.tenant_id
                  JOIN tenants t ON t.id = l.tenant_id
                 ORDER BY l.in_stock DESC, l.price_egp, l.distance_km, l.tenant_id
                """.formatted(SearchArea.DISTANCE, SearchArea.WITHIN, PharmacyService.LISTED);
        List<PriceComparison.Offer> items = new ArrayList<>();
        PriceComparison.Summary[] summary = {new PriceComparison.Summary(0, 0, null, null, null)};
        area.bind(handle.createQuery(sql)).bind("medicine", target.medicine().id()).bind("limit", limit)
                .map((rs, ctx) -> {
                    summary[0] = new PriceComparison.Summary(rs.getLong("total"), rs.getLong("in_stock_total"),
                            rs.getBigDecimal("min_price"), rs.getBigDecimal("max_price"),
                            rs.getBigDecimal("average_price"));
                    BigDecimal price = rs.getBigDecimal("price_egp");
                    return new PriceComparison.Offer(rs.getObject("tenant_id", UUID.class), rs.getString("name_en"),
                            rs.getString("name_ar"), rs.getString("governorate"), rs.getString("city_en"),
                            rs.getString("city_ar"), rs.getDouble("latitude"), rs.getDouble("longitude"),
                            Math.round(rs.getDouble("distance_km") * 1000) / 1000.0, rs.getBoolean("delivery"),
                            price, rs.getBoolean("in_stock"),
                            target.price() != null && price.compareTo(target.price()) > 0);
                })
                .forEach(items::add);
        return new Offers(summary[0], items);
    }

    /**
     * Registered medicines of the same dosage form with the same active ingredients at the same strengths
     * ({@code hf_equivalence_key}: each ingredient paired with its part of the label strength, case and spaces
     * ignored) and a lower official price. A medicine without ingredients or strength has none; one without an
     * official price lists every priced equivalent.
     */
    private static List<PriceComparison.Equivalent> equivalents(Handle handle, Target target) {
        return handle.createQuery("""
                        WITH target AS (
                            SELECT m.id, m.dosage_form, m.price_egp, hf_equivalence_key(m.id) AS key
                              FROM medicines m WHERE m.id = :id)
                        SELECT m.id, m.registration_no, m.trade_name_en, m.trade_name_ar, m.manufacturer, m.strength,
                               m.dosage_form, m.price_egp, x.price_egp - m.price_egp AS saving
                          FROM target x
                          -- candidates contain the target's first ingredient (the ingredient index); keys decide
                          JOIN medicine_ingredients one ON one.ingredient_id = CAST(split_part(x.key[1], '=', 1) AS uuid)
                          JOIN medicines m ON m.id = one.medicine_id
                         WHERE m.id <> x.id AND m.status = 'registered' AND m.price_egp IS NOT NULL
                           AND lower(m.dosage_form) = lower(x.dosage_form)
                           AND (x.price_egp IS NULL OR m.price_egp < x.price_egp)
                           AND hf_equivalence_key(m.id) = x.key
                         ORDER BY m.price_egp, lower(m.trade_name_en), m.id
                         LIMIT :max
                        """)
                .bind("id", target.medicine().id()).bind("max", MAX_EQUIVALENTS)
                .map((rs, ctx) -> new PriceComparison.Equivalent(rs.getObject("id", UUID.class),
                        rs.getString("registration_no"), rs.getString("trade_name_en"), rs.getString("trade_name_ar"),
                        rs.getString("manufacturer"), rs.getString("strength"), rs.getString("dosage_form"),
                        rs.getBigDecimal("price_egp"), rs.getBigDecimal("saving")))
                .list();
    }

    private record Target(PriceComparison.Medicine medicine, BigDecimal price) {
        static Target map(ResultSet rs) throws SQLException {
            return new Target(new PriceComparison.Medicine(rs.getObject("id", UUID.class),
                    rs.getString("registration_no"), rs.getString("trade_name_en"), rs.getString("trade_name_ar"),
                    rs.getString("generic_name_en"), rs.getString("generic_name_ar"), rs.getString("strength"),
                    rs.getString("dosage_form"), rs.getString("status")), rs.getBigDecimal("price_egp"));
        }
    }
}
