package ai.healthflow.pharmacy;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.medicine.MedicineNotFound;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * A pharmacy's own stock and selling prices. Only the pharmacy's staff read and write it, always in their own
 * tenant scope (so row-level security stands behind the check): a pharmacist's {@code inventory:*} never reaches
 * another pharmacy. Every change is audited ({@code pharmacy.stock_updated}) in its transaction.
 */
public final class StockService {
    private static final Map<String, String> SORTABLE = Map.of("tradeNameEn", "lower(m.trade_name_en)",
            "quantity", "s.quantity", "priceEgp", "s.price_egp", "updatedAt", "s.updated_at");
    private static final String SELECT = """
            SELECT s.tenant_id, s.medicine_id, s.quantity, s.price_egp, s.updated_at, s.updated_by,
                   m.registration_no, m.trade_name_en, m.trade_name_ar, m.strength, m.dosage_form,
                   m.price_egp AS official_price_egp
              FROM pharmacy_stock s JOIN medicines m ON m.id = s.medicine_id
            """;

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public StockService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** A saved stock line, and whether this request created it. */
    public record Saved(StockView stock, boolean created) {
    }

    /**
     * Sets how many packs the caller's pharmacy holds of a medicine and the price it sells them at.
     *
     * @throws NotYourPharmacy  (403) when {@code pharmacyId} is not the caller's own tenant
     * @throws ValidationFailed (422) listing every invalid field
     * @throws PharmacyNotFound when the caller's tenant has no pharmacy profile yet
     * @throws MedicineNotFound when no medicine has this id
     */
    public Saved put(Actor actor, UUID pharmacyId, UUID medicineId, StockRequest request) {
        ownPharmacy(actor.caller(), pharmacyId, "change its stock");
        List<FieldError> errors = PharmacyValidator.validate(request);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return db.inTenant(pharmacyId, handle -> {
            requireProfile(handle, pharmacyId);
            boolean medicineExists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM medicines WHERE id = :id)")
                    .bind("id", medicineId).mapTo(Boolean.class).one();
            if (!medicineExists) {
                throw new MedicineNotFound(medicineId.toString());
            }
            Optional<StockView> before = find(handle, pharmacyId, medicineId, true);
            BigDecimal price = request.priceEgp().setScale(2, java.math.RoundingMode.UNNECESSARY);
            handle.createUpdate("""
                            INSERT INTO pharmacy_stock (tenant_id, medicine_id, quantity, price_egp, updated_by, updated_at)
                            VALUES (:tenant, :medicine, :quantity, :price, :by, :now)
                            ON CONFLICT (tenant_id, medicine_id) DO UPDATE
                               SET quantity = EXCLUDED.quantity, price_egp = EXCLUDED.price_egp,
                                   updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                            """)
                    .bind("tenant", pharmacyId).bind("medicine", medicineId)
                    .bind("quantity", request.quantity().intValue()).bind("price", price)
                    .bind("by", actor.userId()).bind("now", utc(now()))
                    .execute();
            StockView after = find(handle, pharmacyId, medicineId, false).orElseThrow();
            Map<String, Object> changes = Changes.between(before.map(StockService::fields).orElse(Map.of()), fields(after));
            if (!changes.isEmpty()) {
                changes.put("medicineId", medicineId.toString());
                audit.record(handle, actor, AuditEvent.of("pharmacy.stock_updated", "pharmacy_stock", medicineId,
                        pharmacyId).withChanges(changes));
            }
            return new Saved(after, before.isEmpty());
        });
    }

    /**
     * The caller's pharmacy's stock, by trade name unless sorted otherwise.
     *
     * @param inStock when not null, only lines with (or without) packs on hand
     */
    public Page<StockView> list(Caller caller, UUID pharmacyId, Boolean inStock, PageRequest page) {
        ownPharmacy(caller, pharmacyId, "read its stock");
        String orderBy = page.orderBy(SORTABLE, "lower(m.trade_name_en)") + ", s.medicine_id";
        String where = """
                 WHERE s.tenant_id = :tenant
                   AND (CAST(:inStock AS boolean) IS NULL OR (s.quantity > 0) = CAST(:inStock AS boolean))
                """;
        return db.inTenant(pharmacyId, handle -> {
            requireProfile(handle, pharmacyId);
            String stock = inStock == null ? null : inStock.toString();
            long total = handle.createQuery("SELECT count(*) FROM pharmacy_stock s" + where)
                    .bind("tenant", pharmacyId).bind("inStock", stock).mapTo(Long.class).one();
            List<StockView> items = handle.createQuery(SELECT + where + " ORDER BY " + orderBy
                            + " LIMIT :limit OFFSET :offset")
                    .bind("tenant", pharmacyId).bind("inStock", stock)
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> view(rs)).list();
            return new Page<>(items, page, total);
        });
    }

    private static void ownPharmacy(Caller caller, UUID pharmacyId, String what) {
        if (!pharmacyId.equals(caller.tenantId())) {
            throw new NotYourPharmacy(what);
        }
    }

    private static void requireProfile(Handle handle, UUID pharmacyId) {
        boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM pharmacies WHERE tenant_id = :id)")
                .bind("id", pharmacyId).mapTo(Boolean.class).one();
        if (!exists) {
            throw new PharmacyNotFound(pharmacyId);
        }
    }

    private static Optional<StockView> find(Handle handle, UUID pharmacyId, UUID medicineId, boolean lock) {
        return handle.createQuery(SELECT + " WHERE s.tenant_id = :tenant AND s.medicine_id = :medicine"
                        + (lock ? " FOR UPDATE OF s" : ""))
                .bind("tenant", pharmacyId).bind("medicine", medicineId)
                .map((rs, ctx) -> view(rs)).findOne();
    }

    private static StockView view(ResultSet rs) throws SQLException {
        BigDecimal price = rs.getBigDecimal("price_egp");
        BigDecimal official = rs.getBigDecimal("official_price_egp");
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new StockView(rs.getObject("tenant_id", UUID.class), rs.getObject("medicine_id", UUID.class),
                rs.getString("registration_no"), rs.getString("trade_name_en"), rs.getString("trade_name_ar"),
                rs.getString("strength"), rs.getString("dosage_form"), rs.getInt("quantity"), price, official,
                official != null && price.compareTo(official) > 0, updated.toInstant(),
                rs.getObject("updated_by", UUID.class));
    }

    private static Map<String, Object> fields(StockView stock) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("quantity", stock.quantity());
        fields.put("priceEgp", stock.priceEgp().toPlainString());
        return fields;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
