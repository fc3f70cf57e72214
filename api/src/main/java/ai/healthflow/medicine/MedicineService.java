package ai.healthflow.medicine;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.SqlErrors;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Registry changes: validated, stored with their ingredients and price history, audited, and announced to the
 * search indexer through {@code search_outbox} in the same transaction.
 */
public final class MedicineService {
    private static final Map<String, String> SORTABLE = Map.of(
            "tradeNameEn", "lower(trade_name_en)", "registrationNo", "registration_no", "atcCode", "atc_code",
            "priceEgp", "price_egp", "updatedAt", "updated_at", "manufacturer", "lower(manufacturer)");

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public MedicineService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<MedicineView> list(String status, String dosageForm, String atc, String manufacturer, PageRequest page) {
        String orderBy = page.orderBy(SORTABLE, "id");
        return db.acrossTenants(handle -> {
            MedicineDao medicines = Db.dao(handle, MedicineDao.class);
            List<MedicineView> items = medicines.list(status, dosageForm, atc, manufacturer, orderBy, page.size(),
                    page.offset()).stream().map(row -> view(medicines, row, false)).toList();
            return new Page<>(items, page, medicines.count(status, dosageForm, atc, manufacturer));
        });
    }

    public MedicineView get(UUID id) {
        return db.acrossTenants(handle -> {
            MedicineDao medicines = Db.dao(handle, MedicineDao.class);
            return view(medicines, medicines.find(id).orElseThrow(() -> new MedicineNotFound(id.toString())), true);
        });
    }

    public MedicineView byBarcode(String gtin) {
        if (!Gtin.isValid(gtin)) {
            throw new ValidationFailed("gtin", "must be a GTIN-13 or GTIN-14 with a valid check digit");
        }
        return db.acrossTenants(handle -> {
            MedicineDao medicines = Db.dao(handle, MedicineDao.class);
            return view(medicines, medicines.findByGtin(gtin).orElseThrow(() -> new MedicineNotFound("with barcode " + gtin)), true);
        });
    }

    public MedicineView create(Actor actor, MedicineFields fields) {
        check(fields);
        return withDuplicateCheck(() -> db.acrossTenants(handle -> {
            UUID id = create(handle, actor, fields, true);
            MedicineDao medicines = Db.dao(handle, MedicineDao.class);
            return view(medicines, medicines.find(id).orElseThrow(), true);
        }));
    }

    public MedicineView update(Actor actor, UUID id, UpdateMedicineRequest request) {
        if (request.isEmpty()) {
            throw new ValidationFailed("body", "must change at least one field");
        }
        return withDuplicateCheck(() -> db.acrossTenants(handle -> {
            MedicineDao medicines = Db.dao(handle, MedicineDao.class);
            MedicineRow current = medicines.findForUpdate(id).orElseThrow(() -> new MedicineNotFound(id.toString()));
            MedicineFields changed = request.applyTo(MedicineFields.of(current));
            check(changed);
            update(handle, actor, current, changed, true);
            return view(medicines, medicines.find(id).orElseThrow(), true);
        }));
    }

    /**
     * Inserts a validated medicine on the caller's transaction (shared with the import, which audits the whole
     * file as one action instead of each row).
     */
    UUID create(Handle handle, Actor actor, MedicineFields fields, boolean audited) {
        MedicineDao medicines = Db.dao(handle, MedicineDao.class);
        Instant now = clock.instant();
        UUID id = medicines.insert(UUID.randomUUID(), fields, now).orElseThrow(DuplicateMedicine::new);
        linkIngredients(medicines, id, fields);
        if (fields.priceEgp() != null) {
            medicines.recordPrice(id, fields.priceEgp(), now, actor.userId());
        }
        medicines.outbox(id, "upsert");
        if (audited) {
            audit.record(handle, actor, AuditEvent.of("medicine.created", "medicine", id, null)
                    .withChanges(Changes.created(auditFields(fields))));
        }
        return id;
    }

    /** Applies validated changes on the caller's transaction (shared with the import); false when nothing changed. */
    boolean update(Handle handle, Actor actor, MedicineRow current, MedicineFields changed, boolean audited) {
        MedicineFields before = MedicineFields.of(current);
        Map<String, Object> changes = Changes.between(auditFields(before), auditFields(changed));
        if (changes.isEmpty()) {
            return false;
        }
        MedicineDao medicines = Db.dao(handle, MedicineDao.class);
        Instant now = clock.instant();
        medicines.update(current.id(), changed, now);
        if (!Objects.equals(before.genericNameEn(), changed.genericNameEn())
                || !Objects.equals(before.genericNameAr(), changed.genericNameAr())) {
            medicines.clearIngredients(current.id());
            linkIngredients(medicines, current.id(), changed);
        }
        if (changed.priceEgp() != null && (before.priceEgp() == null || before.priceEgp().compareTo(changed.priceEgp()) != 0)) {
            medicines.recordPrice(current.id(), changed.priceEgp(), now, actor.userId());
        }
        medicines.outbox(current.id(), "upsert");
        if (audited) {
            audit.record(handle, actor, AuditEvent.of("medicine.updated", "medicine", current.id(), null)
                    .withChanges(changes));
        }
        return true;
    }

    static void check(MedicineFields fields) {
        List<FieldError> errors = MedicineValidator.validate(fields);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    private static void linkIngredients(MedicineDao medicines, UUID medicineId, MedicineFields fields) {
        List<String> english = MedicineValidator.ingredients(fields.genericNameEn());
        List<String> arabic = MedicineValidator.ingredients(fields.genericNameAr());
        for (int i = 0; i < english.size(); i++) {
            // Arabic names pair with English ones by position when both list the same number of ingredients
            String nameAr = arabic.size() == english.size() ? arabic.get(i) : null;
            medicines.addIngredient(medicineId, medicines.upsertIngredient(english.get(i).toLowerCase(java.util.Locale.ROOT), nameAr), i);
        }
    }

    private static MedicineView view(MedicineDao medicines, MedicineRow row, boolean withHistory) {
        List<ActiveRecall> recalls = ActiveRecall.of(medicines.getHandle(), List.of(row.id()))
                .getOrDefault(row.id(), List.of());
        return new MedicineView(row.id(), row.registrationNo(), row.tradeNameEn(), row.tradeNameAr(),
                row.genericNameEn(), row.genericNameAr(), row.strength(), row.dosageForm(), row.route(),
                row.atcCode(), row.manufacturer(), row.gtin(), row.priceEgp(), row.status(), row.registeredOn(),
                medicines.ingredients(row.id()), withHistory ? medicines.priceHistory(row.id()) : List.of(),
                !recalls.isEmpty(), recalls, row.createdAt(), row.updatedAt());
    }

    private static Map<String, Object> auditFields(MedicineFields m) {
        var fields = new HashMap<String, Object>();
        fields.put("registrationNo", m.registrationNo());
        fields.put("tradeNameEn", m.tradeNameEn());
        fields.put("tradeNameAr", m.tradeNameAr());
        fields.put("genericNameEn", m.genericNameEn());
        fields.put("genericNameAr", m.genericNameAr());
        fields.put("strength", m.strength());
        fields.put("dosageForm", m.dosageForm());
        fields.put("route", m.route());
        fields.put("atcCode", m.atcCode());
        fields.put("manufacturer", m.manufacturer());
        fields.put("gtin", m.gtin());
        fields.put("priceEgp", m.priceEgp() == null ? null : m.priceEgp().stripTrailingZeros().toPlainString());
        fields.put("status", m.status());
        fields.put("registeredOn", m.registeredOn() == null ? null : m.registeredOn().toString());
        return fields;
    }

    private static <T> T withDuplicateCheck(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new DuplicateMedicine();
            }
            throw e;
        }
    }
}
