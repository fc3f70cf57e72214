package ai.healthflow.interaction;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.interaction.KnowledgeFiles.Bundle;
import ai.healthflow.interaction.KnowledgeFiles.ClassRuleRow;
import ai.healthflow.interaction.KnowledgeFiles.DrugClass;
import ai.healthflow.interaction.KnowledgeFiles.Member;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads the bundled knowledge base (drug classes, their members, class rules, ingredient pairs) at every start, in
 * every environment: it is reference data, not demo data. Idempotent: an unchanged file writes nothing (no row,
 * no {@code updated_at}, no audit record).
 * <ul>
 *   <li>Drug classes, members and class rules belong to the bundled files alone: they are synchronised to them
 *       (added, changed, removed).</li>
 *   <li>Pairs are upserted by pair, but only over rows that came from the bundled file ({@code origin = bundled}):
 *       a pair the regulator created or changed through the import ({@code origin = import}) is never overwritten or
 *       removed by the bundled file, whatever its date. A bundled pair that a new release of the file drops is
 *       removed.</li>
 * </ul>
 * One transaction under an advisory lock, so replicas starting together load once; audited once
 * ({@code interaction.knowledge_loaded}) when anything changed.
 */
public final class InteractionKnowledgeBase {
    private static final long LOCK = 0x6866_6b62_6c6f_6164L; // "hfkbload"

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public InteractionKnowledgeBase(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a load changed, per table. */
    public record Changes(int created, int updated, int removed) {
        boolean any() {
            return created + updated + removed > 0;
        }
    }

    /**
     * Brings the knowledge base up to the bundled files.
     *
     * @return what changed per table ({@code drug_classes}, {@code drug_class_members}, {@code drug_class_interactions},
     * {@code drug_interactions}); all zero when the database already matched the files
     * @throws IllegalStateException when a bundled file is invalid (the start stops)
     */
    public Map<String, Changes> loadBundled() {
        Bundle bundle = KnowledgeFiles.bundled();
        return db.acrossTenants(handle -> {
            handle.execute("SELECT pg_advisory_xact_lock(?)", LOCK);
            OffsetDateTime now = OffsetDateTime.now(clock);
            var changes = new LinkedHashMap<String, Changes>();
            changes.put("drug_classes", classes(handle, bundle.classes(), now));
            changes.put("drug_class_members", members(handle, bundle.members()));
            changes.put("drug_class_interactions", classRules(handle, bundle.rules(), now));
            changes.put("drug_interactions", pairs(handle, bundle.pairs(), now));
            // classes go last: removing one cascades to its members and rules, which were synchronised above
            changes.computeIfPresent("drug_classes", (k, c) -> new Changes(c.created(), c.updated(),
                    removeClasses(handle, bundle.classes())));
            if (changes.values().stream().anyMatch(Changes::any)) {
                var recorded = new LinkedHashMap<String, Object>();
                changes.forEach((table, c) -> recorded.put(table, Map.of("created", c.created(), "updated", c.updated(),
                        "removed", c.removed())));
                audit.record(handle, Actor.system("clinical-data"),
                        AuditEvent.of("interaction.knowledge_loaded", "interaction_knowledge_base", null, null)
                                .withChanges(recorded));
            }
            return java.util.Collections.unmodifiableMap(changes);
        });
    }

    private static Changes classes(Handle handle, List<DrugClass> classes, OffsetDateTime now) {
        List<Boolean> inserted = handle.createQuery("""
                        INSERT INTO drug_classes AS d (code, name_en, name_ar, allergy_relevant, updated_at)
                        SELECT t.code, t.name_en, t.name_ar, t.allergy_relevant, :now
                          FROM unnest(:codes, :namesEn, :namesAr, :allergy) AS t(code, name_en, name_ar, allergy_relevant)
                        ON CONFLICT (code) DO UPDATE
                           SET name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar,
                               allergy_relevant = EXCLUDED.allergy_relevant, updated_at = EXCLUDED.updated_at
                         WHERE (d.name_en, d.name_ar, d.allergy_relevant)
                               IS DISTINCT FROM (EXCLUDED.name_en, EXCLUDED.name_ar, EXCLUDED.allergy_relevant)
                        RETURNING (xmax = 0) AS inserted
                        """)
                .bindArray("codes", String.class, column(classes, DrugClass::code))
                .bindArray("namesEn", String.class, column(classes, DrugClass::nameEn))
                .bindArray("namesAr", String.class, column(classes, DrugClass::nameAr))
                .bindArray("allergy", Boolean.class, column(classes, DrugClass::allergyRelevant))
                .bind("now", now)
                .mapTo(Boolean.class).list();
        return counted(inserted, 0);
    }

    private static int removeClasses(Handle handle, List<DrugClass> classes) {
        return handle.createUpdate("DELETE FROM drug_classes WHERE code <> ALL(:codes)")
                .bindArray("codes", String.class, column(classes, DrugClass::code))
                .execute();
    }

    private static Changes members(Handle handle, List<Member> members) {
        int removed = handle.createUpdate("""
                        DELETE FROM drug_class_members m
                         WHERE NOT EXISTS (SELECT 1 FROM unnest(:classes, :ingredients) AS t(class_code, ingredient)
                                            WHERE t.class_code = m.class_code AND t.ingredient = m.ingredient)
                        """)
                .bindArray("classes", String.class, column(members, Member::classCode))
                .bindArray("ingredients", String.class, column(members, Member::ingredient))
                .execute();
        int created = handle.createUpdate("""
                        INSERT INTO drug_class_members (class_code, ingredient)
                        SELECT * FROM unnest(:classes, :ingredients)
                        ON CONFLICT DO NOTHING
                        """)
                .bindArray("classes", String.class, column(members, Member::classCode))
                .bindArray("ingredients", String.class, column(members, Member::ingredient))
                .execute();
        return new Changes(created, 0, removed);
    }

    private static Changes classRules(Handle handle, List<ClassRuleRow> rules, OffsetDateTime now) {
        int removed = handle.createUpdate("""
                        DELETE FROM drug_class_interactions r
                         WHERE NOT EXISTS (SELECT 1 FROM unnest(:classes, :others) AS t(class_code, other)
                                            WHERE t.class_code = r.class_code
                                              AND t.other = coalesce(r.other_class_code, r.other_ingredient))
                        """)
                .bindArray("classes", String.class, column(rules, ClassRuleRow::classCode))
                .bindArray("others", String.class, column(rules, ClassRuleRow::other))
                .execute();
        List<Boolean> inserted = handle.createQuery("""
                        INSERT INTO drug_class_interactions AS d (class_code, other_class_code, other_ingredient, severity,
                               description_en, description_ar, management_en, management_ar, source, priority, updated_at)
                        SELECT t.*, :now
                          FROM unnest(:classes, :otherClasses, :otherIngredients, :severities, :descriptionsEn,
                                      :descriptionsAr, :managementsEn, :managementsAr, :sources, :priorities)
                               AS t(class_code, other_class_code, other_ingredient, severity, description_en,
                                    description_ar, management_en, management_ar, source, priority)
                        ON CONFLICT (class_code, (coalesce(other_class_code, other_ingredient))) DO UPDATE
                           SET severity = EXCLUDED.severity, description_en = EXCLUDED.description_en,
                               description_ar = EXCLUDED.description_ar, management_en = EXCLUDED.management_en,
                               management_ar = EXCLUDED.management_ar, source = EXCLUDED.source,
                               priority = EXCLUDED.priority, updated_at = EXCLUDED.updated_at
                         WHERE (d.severity, d.description_en, d.description_ar, d.management_en, d.management_ar,
                                d.source, d.priority)
                               IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.description_en, EXCLUDED.description_ar,
                                EXCLUDED.management_en, EXCLUDED.management_ar, EXCLUDED.source, EXCLUDED.priority)
                        RETURNING (xmax = 0) AS inserted
                        """)
                .bindArray("classes", String.class, column(rules, ClassRuleRow::classCode))
                .bindArray("otherClasses", String.class, column(rules, ClassRuleRow::otherClassCode))
                .bindArray("otherIngredients", String.class, column(rules, ClassRuleRow::otherIngredient))
                .bindArray("severities", String.class, column(rules, ClassRuleRow::severity))
                .bindArray("descriptionsEn", String.class, column(rules, ClassRuleRow::descriptionEn))
                .bindArray("descriptionsAr", String.class, column(rules, ClassRuleRow::descriptionAr))
                .bindArray("managementsEn", String.class, column(rules, ClassRuleRow::managementEn))
                .bindArray("managementsAr", String.class, column(rules, ClassRuleRow::managementAr))
                .bindArray("sources", String.class, column(rules, ClassRuleRow::source))
                .bindArray("priorities", Integer.class, column(rules, ClassRuleRow::priority))
                .bind("now", now)
                .mapTo(Boolean.class).list();
        return counted(inserted, removed);
    }

    private static Changes pairs(Handle handle, List<InteractionRow> pairs, OffsetDateTime now) {
        // the regulator's rows (origin = import) are neither removed nor overwritten
        int removed = handle.createUpdate("""
                        DELETE FROM drug_interactions d
                         WHERE d.origin = 'bundled'
                           AND NOT EXISTS (SELECT 1 FROM unnest(:firsts, :seconds) AS t(a, b)
                                            WHERE t.a = d.ingredient_a AND t.b = d.ingredient_b)
                        """)
                .bindArray("firsts", String.class, column(pairs, InteractionRow::first))
                .bindArray("seconds", String.class, column(pairs, InteractionRow::second))
                .execute();
        List<Boolean> inserted = handle.createQuery("""
                        INSERT INTO drug_interactions AS d (ingredient_a, ingredient_b, severity, description_en,
                               description_ar, management_en, management_ar, source, origin, updated_at)
                        SELECT t.*, 'bundled', :now
                          FROM unnest(:firsts, :seconds, :severities, :descriptionsEn, :descriptionsAr, :managementsEn,
                                      :managementsAr, :sources)
                               AS t(a, b, severity, description_en, description_ar, management_en, management_ar, source)
                        ON CONFLICT (ingredient_a, ingredient_b) DO UPDATE
                           SET severity = EXCLUDED.severity, description_en = EXCLUDED.description_en,
                               description_ar = EXCLUDED.description_ar, management_en = EXCLUDED.management_en,
                               management_ar = EXCLUDED.management_ar, source = EXCLUDED.source,
                               updated_at = EXCLUDED.updated_at
                         WHERE d.origin = 'bundled'
                           AND (d.severity, d.description_en, d.description_ar, d.management_en, d.management_ar, d.source)
                               IS DISTINCT FROM (EXCLUDED.severity, EXCLUDED.description_en, EXCLUDED.description_ar,
                                EXCLUDED.management_en, EXCLUDED.management_ar, EXCLUDED.source)
                        RETURNING (xmax = 0) AS inserted
                        """)
                .bindArray("firsts", String.class, column(pairs, InteractionRow::first))
                .bindArray("seconds", String.class, column(pairs, InteractionRow::second))
                .bindArray("severities", String.class, column(pairs, InteractionRow::severity))
                .bindArray("descriptionsEn", String.class, column(pairs, InteractionRow::descriptionEn))
                .bindArray("descriptionsAr", String.class, column(pairs, InteractionRow::descriptionAr))
                .bindArray("managementsEn", String.class, column(pairs, InteractionRow::managementEn))
                .bindArray("managementsAr", String.class, column(pairs, InteractionRow::managementAr))
                .bindArray("sources", String.class, column(pairs, InteractionRow::source))
                .bind("now", now)
                .mapTo(Boolean.class).list();
        return counted(inserted, removed);
    }

    private static Changes counted(List<Boolean> inserted, int removed) {
        int created = (int) inserted.stream().filter(Boolean::booleanValue).count();
        return new Changes(created, inserted.size() - created, removed);
    }

    private static <T, V> List<V> column(List<T> rows, Function<T, V> value) {
        return rows.stream().map(value).toList();
    }
}
