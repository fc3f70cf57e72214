package ai.healthflow.medicine;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The registry tables. The registry is national: no tenant scope applies. */
@RegisterConstructorMapper(MedicineRow.class)
@RegisterConstructorMapper(MedicineView.Ingredient.class)
@RegisterConstructorMapper(MedicineView.PricePoint.class)
public interface MedicineDao extends org.jdbi.v3.sqlobject.SqlObject {
    String COLUMNS = "id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar, strength, "
            + "dosage_form, route, atc_code, manufacturer, gtin, price_egp, status, registered_on, created_at, updated_at";
    String FILTER = """
             WHERE (CAST(:status AS text) IS NULL OR status = :status)
               AND (CAST(:dosageForm AS text) IS NULL OR dosage_form = :dosageForm)
               AND (CAST(:atc AS text) IS NULL OR atc_code LIKE :atc || '%')
               AND (CAST(:manufacturer AS text) IS NULL OR lower(manufacturer) = lower(:manufacturer))
            """;

    @SqlQuery("SELECT " + COLUMNS + " FROM medicines WHERE id = :id")
    Optional<MedicineRow> find(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM medicines WHERE id = :id FOR UPDATE")
    Optional<MedicineRow> findForUpdate(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM medicines WHERE upper(registration_no) = upper(:registrationNo) FOR UPDATE")
    Optional<MedicineRow> findByRegistrationNoForUpdate(@Bind("registrationNo") String registrationNo);

    @SqlQuery("SELECT " + COLUMNS + " FROM medicines WHERE gtin = :gtin")
    Optional<MedicineRow> findByGtin(@Bind("gtin") String gtin);

    /** {@code orderBy} comes from {@code PageRequest.orderBy}'s allow-list, never from the client. */
    @SqlQuery("SELECT " + COLUMNS + " FROM medicines" + FILTER + " ORDER BY <orderBy> LIMIT :limit OFFSET :offset")
    List<MedicineRow> list(@Bind("status") String status, @Bind("dosageForm") String dosageForm,
                           @Bind("atc") String atc, @Bind("manufacturer") String manufacturer,
                           @Define("orderBy") String orderBy, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM medicines" + FILTER)
    long count(@Bind("status") String status, @Bind("dosageForm") String dosageForm, @Bind("atc") String atc,
               @Bind("manufacturer") String manufacturer);

    /** Empty when the registration number or GTIN is taken. */
    @SqlQuery("""
            INSERT INTO medicines (id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                                   strength, dosage_form, route, atc_code, manufacturer, gtin, price_egp, status,
                                   registered_on, created_at, updated_at)
            VALUES (:id, :m.registrationNo, :m.tradeNameEn, :m.tradeNameAr, :m.genericNameEn, :m.genericNameAr,
                    :m.strength, :m.dosageForm, :m.route, :m.atcCode, :m.manufacturer, :m.gtin, :m.priceEgp, :m.status,
                    :m.registeredOn, :now, :now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """)
    Optional<UUID> insert(@Bind("id") UUID id, @BindMethods("m") MedicineFields fields, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE medicines SET registration_no = :m.registrationNo, trade_name_en = :m.tradeNameEn,
                   trade_name_ar = :m.tradeNameAr, generic_name_en = :m.genericNameEn,
                   generic_name_ar = :m.genericNameAr, strength = :m.strength, dosage_form = :m.dosageForm,
                   route = :m.route, atc_code = :m.atcCode, manufacturer = :m.manufacturer, gtin = :m.gtin,
                   price_egp = :m.priceEgp, status = :m.status, registered_on = :m.registeredOn,
                   updated_at = :now, version = version + 1
             WHERE id = :id
            """)
    void update(@Bind("id") UUID id, @BindMethods("m") MedicineFields fields, @Bind("now") Instant now);

    @SqlQuery("""
            INSERT INTO ingredients (name_en, name_ar) VALUES (:nameEn, :nameAr)
            ON CONFLICT ((lower(name_en))) DO UPDATE SET name_ar = coalesce(ingredients.name_ar, EXCLUDED.name_ar)
            RETURNING id
            """)
    UUID upsertIngredient(@Bind("nameEn") String nameEn, @Bind("nameAr") String nameAr);

    @SqlUpdate("DELETE FROM medicine_ingredients WHERE medicine_id = :medicineId")
    void clearIngredients(@Bind("medicineId") UUID medicineId);

    @SqlUpdate("""
            INSERT INTO medicine_ingredients (medicine_id, ingredient_id, position) VALUES (:medicineId, :ingredientId, :position)
            ON CONFLICT DO NOTHING
            """)
    void addIngredient(@Bind("medicineId") UUID medicineId, @Bind("ingredientId") UUID ingredientId,
                       @Bind("position") int position);

    @SqlQuery("""
            SELECT i.id, i.name_en, i.name_ar FROM medicine_ingredients mi JOIN ingredients i ON i.id = mi.ingredient_id
             WHERE mi.medicine_id = :medicineId ORDER BY mi.position
            """)
    List<MedicineView.Ingredient> ingredients(@Bind("medicineId") UUID medicineId);

    @SqlUpdate("""
            INSERT INTO medicine_price_history (medicine_id, price_egp, effective_from, changed_by)
            VALUES (:medicineId, :price, :now, CAST(:changedBy AS uuid))
            """)
    void recordPrice(@Bind("medicineId") UUID medicineId, @Bind("price") BigDecimal price, @Bind("now") Instant now,
                     @Bind("changedBy") UUID changedBy);

    @SqlQuery("""
            SELECT price_egp, effective_from FROM medicine_price_history WHERE medicine_id = :medicineId
             ORDER BY effective_from, id
            """)
    List<MedicineView.PricePoint> priceHistory(@Bind("medicineId") UUID medicineId);

    @SqlUpdate("INSERT INTO search_outbox (entity_type, entity_id, operation) VALUES ('medicine', :id, :operation)")
    void outbox(@Bind("id") UUID id, @Bind("operation") String operation);
}
