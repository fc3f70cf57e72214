package ai.healthflow.interaction;

import ai.healthflow.interaction.InteractionMatcher.ClassRule;
import ai.healthflow.interaction.InteractionMatcher.Ingredient;
import ai.healthflow.interaction.InteractionMatcher.Knowledge;
import ai.healthflow.interaction.InteractionMatcher.Medicine;
import ai.healthflow.interaction.InteractionMatcher.PairRule;
import ai.healthflow.patient.PatientNotFound;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks medicines against the interaction knowledge base and a patient's allergies. This is the Java API of the
 * prescription checks; it runs on the caller's handle (and so in the caller's transaction and tenant scope) and
 * reads with two set-based queries per call, whatever the number of medicines: one for the medicines with their
 * ingredients and classes, one for the rules among those ingredients and classes. The matching itself is
 * {@link InteractionMatcher}.
 * <p>
 * Medicine ids that name no medicine contribute nothing (callers validate ids; the HTTP endpoint answers 422). A
 * collection may repeat an id: it counts once. Stateless and thread-safe.
 */
public final class InteractionChecker {
    private static final String MEDICINES = """
            SELECT m.id, m.trade_name_en, m.trade_name_ar, lower(i.name_en) AS ingredient, i.name_ar AS ingredient_ar,
                   coalesce((SELECT array_agg(c.class_code::text ORDER BY c.class_code)
                               FROM drug_class_members c WHERE c.ingredient = lower(i.name_en)), '{}') AS classes
              FROM medicines m
              JOIN medicine_ingredients mi ON mi.medicine_id = m.id
              JOIN ingredients i ON i.id = mi.ingredient_id
             WHERE m.id = ANY(:ids)
             ORDER BY m.id, mi.position
            """;
    // every pair row among the ingredients, and every class rule whose both sides occur among them
    private static final String RULES = """
            SELECT 'pair' AS rule, ingredient_a AS side_a, ingredient_b AS side_b, NULL AS other_ingredient, severity,
                   description_en, description_ar, management_en, management_ar, source, 0 AS priority
              FROM drug_interactions
             WHERE ingredient_a = ANY(:names) AND ingredient_b = ANY(:names)
            UNION ALL
            SELECT 'class', class_code, other_class_code, other_ingredient, severity,
                   description_en, description_ar, management_en, management_ar, source, priority
              FROM drug_class_interactions
             WHERE class_code = ANY(:classes)
               AND (other_class_code = ANY(:classes) OR other_ingredient = ANY(:names))
            """;

    public InteractionChecker() {
    }

    /**
     * Every interacting pair among the given medicines (pairs and class rules, duplicate therapy), most severe first;
     * within a severity in the order of the medicines given.
     */
    public List<InteractionFinding> among(Handle handle, Collection<UUID> medicineIds) {
        List<UUID> ids = distinct(medicineIds);
        if (ids.size() < 2) {
            return List.of();
        }
        Map<UUID, Medicine> medicines = medicines(handle, ids);
        Knowledge knowledge = knowledge(handle, medicines.values());
        List<Medicine> ordered = ids.stream().map(medicines::get).filter(m -> m != null).toList();
        List<InteractionFinding> findings = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                findings.addAll(InteractionMatcher.match(ordered.get(i), ordered.get(j), knowledge));
            }
        }
        return InteractionMatcher.sorted(findings);
    }

    /**
     * Pairs between each proposed medicine and each current one (not among the current ones, nor among the proposed
     * ones: call {@link #among} for those). {@code medicineA} is the proposed medicine. A proposed medicine that is
     * also current gives a {@code duplicate} finding with itself on both sides.
     */
    public List<InteractionFinding> between(Handle handle, Collection<UUID> proposed, Collection<UUID> current) {
        List<UUID> proposedIds = distinct(proposed);
        List<UUID> currentIds = distinct(current);
        if (proposedIds.isEmpty() || currentIds.isEmpty()) {
            return List.of();
        }
        var all = new LinkedHashSet<>(proposedIds);
        all.addAll(currentIds);
        Map<UUID, Medicine> medicines = medicines(handle, List.copyOf(all));
        Knowledge knowledge = knowledge(handle, medicines.values());
        List<InteractionFinding> findings = new ArrayList<>();
        for (UUID p : proposedIds) {
            for (UUID c : currentIds) {
                Medicine a = medicines.get(p);
                Medicine b = medicines.get(c);
                if (a != null && b != null) {
                    findings.addAll(InteractionMatcher.match(a, b, knowledge));
                }
            }
        }
        return InteractionMatcher.sorted(findings);
    }

    /**
     * Medicines containing an ingredient, or an ingredient of a class, the patient is allergic to. Matches, for each
     * medicine ingredient: an allergy recorded against that ingredient; an allergy recorded against a class it
     * belongs to (any class, allergy-relevant or not: the record says so explicitly); and, only when neither matched,
     * an allergy recorded against another member of an allergy-relevant class it belongs to
     * ({@link AllergyFinding#crossReactive()}). No chaining across classes. In the order of the medicines given, then
     * label order of their ingredients.
     * <p>
     * Patient allergies are tenant data (row-level security): the handle must be scoped to the patient's tenant.
     *
     * @throws PatientNotFound when the patient is not visible on this handle (unknown, another tenant's, or an
     *                         unscoped handle) — never an empty answer that would read as "no allergies"
     */
    public List<AllergyFinding> allergies(Handle handle, Collection<UUID> medicineIds, UUID patientId) {
        boolean visible = handle.createQuery("SELECT EXISTS (SELECT 1 FROM patients WHERE id = :id)")
                .bind("id", patientId).mapTo(Boolean.class).one();
        if (!visible) {
            throw new PatientNotFound();
        }
        List<UUID> ids = distinct(medicineIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Match> matches = handle.createQuery("""
                        WITH ingredients AS (
                            SELECT m.id, m.trade_name_en, m.trade_name_ar, lower(i.name_en) AS ingredient, mi.position
                              FROM medicines m
                              JOIN medicine_ingredients mi ON mi.medicine_id = m.id
                              JOIN ingredients i ON i.id = mi.ingredient_id
                             WHERE m.id = ANY(:ids)),
                        allergies AS (
                            SELECT kind, substance, reaction FROM patient_allergies WHERE patient_id = :patient)
                        SELECT g.id, g.trade_name_en, g.trade_name_ar, g.ingredient, a.kind, a.substance, a.reaction,
                               NOT (a.kind = 'ingredient' AND a.substance = g.ingredient OR a.kind = 'class') AS cross_reactive
                          FROM ingredients g
                          JOIN allergies a
                            ON a.kind = 'ingredient' AND a.substance = g.ingredient
                            OR a.kind = 'class' AND EXISTS (
                                   SELECT 1 FROM drug_class_members c
                                    WHERE lower(c.class_code) = a.substance AND c.ingredient = g.ingredient)
                            OR a.kind = 'ingredient' AND a.substance <> g.ingredient AND EXISTS (
                                   SELECT 1 FROM drug_class_members own
                                     JOIN drug_classes dc ON dc.code = own.class_code AND dc.allergy_relevant
                                     JOIN drug_class_members other ON other.class_code = own.class_code
                                    WHERE own.ingredient = g.ingredient AND other.ingredient = a.substance)
                         ORDER BY g.id, g.position, a.kind, a.substance
                        """)
                .bindArray("ids", UUID.class, ids)
                .bind("patient", patientId)
                .map((rs, ctx) -> new Match(new AllergyFinding(
                        new MedicineRef(rs.getObject("id", UUID.class), rs.getString("trade_name_en"),
                                rs.getString("trade_name_ar")),
                        rs.getString("ingredient"), rs.getString("kind"), rs.getString("substance"),
                        rs.getString("reaction")), rs.getBoolean("cross_reactive")))
                .list();
        // cross-reactivity only where the ingredient itself (or its class) did not match
        Set<String> direct = new HashSet<>();
        for (Match m : matches) {
            if (!m.crossReactive()) {
                direct.add(m.finding().medicine().id() + "|" + m.finding().ingredient());
            }
        }
        Map<UUID, List<AllergyFinding>> byMedicine = new HashMap<>();
        for (Match m : matches) {
            if (!m.crossReactive() || !direct.contains(m.finding().medicine().id() + "|" + m.finding().ingredient())) {
                byMedicine.computeIfAbsent(m.finding().medicine().id(), k -> new ArrayList<>()).add(m.finding());
            }
        }
        List<AllergyFinding> findings = new ArrayList<>();
        for (UUID id : ids) {
            findings.addAll(byMedicine.getOrDefault(id, List.of()));
        }
        return findings;
    }

    private record Match(AllergyFinding finding, boolean crossReactive) {
    }

    /** The medicines with their ingredients (label order) and each ingredient's classes. */
    private static Map<UUID, Medicine> medicines(Handle handle, List<UUID> ids) {
        Map<UUID, MedicineRef> refs = new LinkedHashMap<>();
        Map<UUID, List<Ingredient>> ingredients = new HashMap<>();
        handle.createQuery(MEDICINES)
                .bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    refs.computeIfAbsent(id, k -> ref(rs, k));
                    ingredients.computeIfAbsent(id, k -> new ArrayList<>()).add(new Ingredient(
                            rs.getString("ingredient"), rs.getString("ingredient_ar"), classes(rs)));
                    return id;
                })
                .list();
        Map<UUID, Medicine> medicines = new HashMap<>();
        refs.forEach((id, ref) -> medicines.put(id, new Medicine(ref, List.copyOf(ingredients.get(id)))));
        return medicines;
    }

    private static Knowledge knowledge(Handle handle, Collection<Medicine> medicines) {
        Set<String> names = new HashSet<>();
        Set<String> classes = new HashSet<>();
        for (Medicine medicine : medicines) {
            for (Ingredient ingredient : medicine.ingredients()) {
                names.add(ingredient.name());
                classes.addAll(ingredient.classes());
            }
        }
        List<PairRule> pairs = new ArrayList<>();
        List<ClassRule> classRules = new ArrayList<>();
        if (names.isEmpty()) {
            return Knowledge.of(pairs, classRules);
        }
        handle.createQuery(RULES)
                .bindArray("names", String.class, List.copyOf(names))
                .bindArray("classes", String.class, List.copyOf(classes))
                .map((rs, ctx) -> {
                    if ("pair".equals(rs.getString("rule"))) {
                        pairs.add(new PairRule(rs.getString("side_a"), rs.getString("side_b"), rs.getString("severity"),
                                rs.getString("description_en"), rs.getString("description_ar"),
                                rs.getString("management_en"), rs.getString("management_ar"), rs.getString("source")));
                    } else {
                        classRules.add(new ClassRule(rs.getString("side_a"), rs.getString("side_b"),
                                rs.getString("other_ingredient"), rs.getString("severity"),
                                rs.getString("description_en"), rs.getString("description_ar"),
                                rs.getString("management_en"), rs.getString("management_ar"), rs.getString("source"),
                                rs.getInt("priority")));
                    }
                    return Boolean.TRUE;
                })
                .list();
        return Knowledge.of(pairs, classRules);
    }

    private static MedicineRef ref(ResultSet rs, UUID id) {
        try {
            return new MedicineRef(id, rs.getString("trade_name_en"), rs.getString("trade_name_ar"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> classes(ResultSet rs) throws SQLException {
        Array array = rs.getArray("classes");
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }

    private static List<UUID> distinct(Collection<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }
}
