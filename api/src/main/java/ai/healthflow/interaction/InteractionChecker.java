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
 * reads with one set-based query per call, whatever the number of medicines: the medicines with their ingredients
 * and classes, and the rules among those ingredients and classes ({@code allergies}: one more, for the patient's
 * visibility). No per-pair query: the pairs are formed in memory by {@link InteractionMatcher}. Measured on the
 * 2-core build machine: 10 medicines (45 pairs, 22 findings) in about 3 ms, round trip included.
 * <p>
 * Medicine ids that name no medicine contribute nothing (callers validate ids; the HTTP endpoint answers 422). A
 * collection may repeat an id: it counts once. Stateless and thread-safe.
 */
public final class InteractionChecker {
    /**
     * One round trip: the medicines' ingredients (label order) with each ingredient's classes, then every pair row
     * among those ingredients and every class rule whose two sides both occur among them. Rows are told apart by
     * {@code kind}; names compare in the "C" collation of the knowledge base's columns, so its indexes serve.
     */
    private static final String CHECK = """
            WITH meds AS (
                SELECT m.id, m.trade_name_en, m.trade_name_ar, mi.position,
                       lower(i.name_en) COLLATE "C" AS ingredient, i.name_ar AS ingredient_ar
                  FROM medicines m
                  JOIN medicine_ingredients mi ON mi.medicine_id = m.id
                  JOIN ingredients i ON i.id = mi.ingredient_id
                 WHERE m.id = ANY(:ids)),
            members AS (
                SELECT c.ingredient, c.class_code
                  FROM drug_class_members c
                 WHERE c.ingredient = ANY(ARRAY(SELECT DISTINCT ingredient FROM meds)))
            SELECT 'medicine' AS kind, g.id, g.trade_name_en, g.trade_name_ar, g.ingredient AS side_a,
                   g.ingredient_ar AS side_b, NULL AS other_ingredient,
                   ARRAY(SELECT s.class_code::text FROM members s WHERE s.ingredient = g.ingredient
                          ORDER BY s.class_code) AS classes,
                   NULL AS severity, NULL AS description_en, NULL AS description_ar, NULL AS management_en,
                   NULL AS management_ar, NULL AS source, g.position AS priority
              FROM meds g
            UNION ALL
            SELECT 'pair', NULL, NULL, NULL, d.ingredient_a, d.ingredient_b, NULL, NULL, d.severity,
                   d.description_en, d.description_ar, d.management_en, d.management_ar, d.source, 0
              FROM drug_interactions d
             WHERE d.ingredient_a = ANY(ARRAY(SELECT DISTINCT ingredient FROM meds)) AND d.ingredient_b = ANY(ARRAY(SELECT DISTINCT ingredient FROM meds))
            UNION ALL
            SELECT 'class', NULL, NULL, NULL, r.class_code, r.other_class_code, r.other_ingredient, NULL, r.severity,
                   r.description_en, r.description_ar, r.management_en, r.management_ar, r.source, r.priority
              FROM drug_class_interactions r
             WHERE r.class_code = ANY(ARRAY(SELECT DISTINCT class_code FROM members))
               AND (r.other_class_code = ANY(ARRAY(SELECT DISTINCT class_code FROM members)) OR r.other_ingredient = ANY(ARRAY(SELECT DISTINCT ingredient FROM meds)))
             ORDER BY 1, 2, 15
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
        return among(load(handle, ids), ids);
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
        return between(load(handle, List.copyOf(all)), proposedIds, currentIds);
    }

    /**
     * What prescribing {@code proposed} to a patient taking {@code current} needs checked: {@link #among} the
     * proposed medicines followed by {@link #between} them and the current ones, from one read of the knowledge base.
     */
    public List<InteractionFinding> amongAndBetween(Handle handle, Collection<UUID> proposed, Collection<UUID> current) {
        List<UUID> proposedIds = distinct(proposed);
        List<UUID> currentIds = distinct(current);
        var all = new LinkedHashSet<>(proposedIds);
        all.addAll(currentIds);
        if (all.size() < 2) {
            return List.of();
        }
        Loaded loaded = load(handle, List.copyOf(all));
        List<InteractionFinding> findings = new ArrayList<>(among(loaded, proposedIds));
        findings.addAll(between(loaded, proposedIds, currentIds));
        return findings;
    }

    private static List<InteractionFinding> among(Loaded loaded, List<UUID> ids) {
        List<Medicine> ordered = ids.stream().map(loaded.medicines()::get).filter(m -> m != null).toList();
        List<InteractionFinding> findings = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                findings.addAll(InteractionMatcher.match(ordered.get(i), ordered.get(j), loaded.knowledge()));
            }
        }
        return InteractionMatcher.sorted(findings);
    }

    private static List<InteractionFinding> between(Loaded loaded, List<UUID> proposedIds, List<UUID> currentIds) {
        List<InteractionFinding> findings = new ArrayList<>();
        for (UUID p : proposedIds) {
            for (UUID c : currentIds) {
                Medicine a = loaded.medicines().get(p);
                Medicine b = loaded.medicines().get(c);
                if (a != null && b != null) {
                    findings.addAll(InteractionMatcher.match(a, b, loaded.knowledge()));
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
        return allergiesOfVisiblePatient(handle, medicineIds, patientId);
    }

    /**
     * {@link #allergies} for a caller that has just read the patient on this handle (so an empty answer cannot
     * come from the patient being invisible): one round trip less on the prescribing path.
     */
    public List<AllergyFinding> allergiesOfVisiblePatient(Handle handle, Collection<UUID> medicineIds, UUID patientId) {
        List<UUID> ids = distinct(medicineIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Match> matches = handle.createQuery("""
                        WITH ingredients AS (
                            SELECT m.id, m.trade_name_en, m.trade_name_ar, lower(i.name_en) COLLATE "C" AS ingredient,
                                   mi.position
                              FROM medicines m
                              JOIN medicine_ingredients mi ON mi.medicine_id = m.id
                              JOIN ingredients i ON i.id = mi.ingredient_id
                             WHERE m.id = ANY(:ids)),
                        allergies AS (
                            SELECT kind, substance COLLATE "C" AS substance, reaction
                              FROM patient_allergies WHERE patient_id = :patient)
                        SELECT g.id, g.trade_name_en, g.trade_name_ar, g.ingredient, a.kind, a.substance, a.reaction,
                               NOT (a.kind = 'ingredient' AND a.substance = g.ingredient OR a.kind = 'class') AS cross_reactive
                          FROM ingredients g
                          JOIN allergies a
                            ON a.kind = 'ingredient' AND a.substance = g.ingredient
                            OR a.kind = 'class' AND EXISTS (
                                   SELECT 1 FROM drug_class_members c
                                    WHERE c.class_code = upper(a.substance) AND c.ingredient = g.ingredient)
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

    private record Loaded(Map<UUID, Medicine> medicines, Knowledge knowledge) {
    }

    /** The medicines with their ingredients and classes, and the rules that concern them: one query. */
    private static Loaded load(Handle handle, List<UUID> ids) {
        Map<UUID, MedicineRef> refs = new LinkedHashMap<>();
        Map<UUID, List<Ingredient>> ingredients = new HashMap<>();
        List<PairRule> pairs = new ArrayList<>();
        List<ClassRule> classRules = new ArrayList<>();
        handle.createQuery(CHECK)
                .bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> {
                    switch (rs.getString("kind")) {
                        case "medicine" -> {
                            UUID id = rs.getObject("id", UUID.class);
                            refs.computeIfAbsent(id, k -> ref(rs, k));
                            ingredients.computeIfAbsent(id, k -> new ArrayList<>()).add(new Ingredient(
                                    rs.getString("side_a"), rs.getString("side_b"), classes(rs)));
                        }
                        case "pair" -> pairs.add(new PairRule(rs.getString("side_a"), rs.getString("side_b"),
                                rs.getString("severity"), rs.getString("description_en"), rs.getString("description_ar"),
                                rs.getString("management_en"), rs.getString("management_ar"), rs.getString("source")));
                        default -> classRules.add(new ClassRule(rs.getString("side_a"), rs.getString("side_b"),
                                rs.getString("other_ingredient"), rs.getString("severity"),
                                rs.getString("description_en"), rs.getString("description_ar"),
                                rs.getString("management_en"), rs.getString("management_ar"), rs.getString("source"),
                                rs.getInt("priority")));
                    }
                    return Boolean.TRUE;
                })
                .list();
        Map<UUID, Medicine> medicines = new HashMap<>();
        refs.forEach((id, ref) -> medicines.put(id, new Medicine(ref, List.copyOf(ingredients.get(id)))));
        return new Loaded(medicines, Knowledge.of(pairs, classRules));
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
