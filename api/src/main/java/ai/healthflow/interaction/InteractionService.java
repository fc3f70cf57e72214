package ai.healthflow.interaction;

import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** The interaction check over HTTP (validated, then {@link InteractionChecker}) and the knowledge base's lists. */
public final class InteractionService {
    static final int MAX_MEDICINES = 50;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String SEVERITY_RANK =
            "array_position(ARRAY['contraindicated', 'major', 'moderate', 'minor'], severity)";
    private static final Map<String, String> PAIR_SORT = Map.of("severity", SEVERITY_RANK,
            "ingredientA", "ingredient_a", "ingredientB", "ingredient_b", "updatedAt", "updated_at");
    private static final Map<String, String> RULE_SORT = Map.of("severity", "array_position(ARRAY['contraindicated', "
            + "'major', 'moderate', 'minor'], r.severity)", "class", "r.class_code", "updatedAt", "r.updated_at");

    private final Db db;
    private final InteractionChecker checker;

    public InteractionService(Db db, InteractionChecker checker) {
        this.db = db;
        this.checker = checker;
    }

    /**
     * @param findings        every interacting pair, most severe first
     * @param checked         how many medicines were checked
     * @param highestSeverity the severity of the first finding, or null when there is none
     */
    public record CheckResult(List<InteractionFinding> findings, int checked, String highestSeverity) {
    }

    /**
     * Checks the medicines against each other.
     *
     * @throws ValidationFailed (422) for a missing or empty list or more than {@value #MAX_MEDICINES} medicines
     *                          (field {@code medicines}), and for missing, malformed, repeated and unknown ids, all
     *                          listed at once, each named {@code medicines[i].id}
     */
    public CheckResult check(Caller caller, CheckRequest request) {
        Parsed parsed = parse(request);
        return db.inTenant(caller.tenantId(), handle -> {
            Set<UUID> known = new HashSet<>(handle.createQuery("SELECT id FROM medicines WHERE id = ANY(:ids)")
                    .bindArray("ids", UUID.class, parsed.ids()).mapTo(UUID.class).list());
            var errors = new TreeMap<>(parsed.errors());
            for (int i = 0; i < parsed.ids().size(); i++) {
                if (!known.contains(parsed.ids().get(i))) {
                    int position = parsed.positions().get(i);
                    errors.put(position, new FieldError("medicines[" + position + "].id", "no medicine with this id"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ValidationFailed(List.copyOf(errors.values()));
            }
            List<InteractionFinding> findings = checker.among(handle, parsed.ids());
            return new CheckResult(findings, parsed.ids().size(),
                    findings.isEmpty() ? null : findings.getFirst().severity());
        });
    }

    /** The well-formed, first-seen ids with their positions in the request, and the problems by position. */
    private record Parsed(List<UUID> ids, List<Integer> positions, Map<Integer, FieldError> errors) {
    }

    private static Parsed parse(CheckRequest request) {
        if (request == null || request.medicines() == null || request.medicines().isEmpty()) {
            throw new ValidationFailed("medicines", "list at least one medicine");
        }
        if (request.medicines().size() > MAX_MEDICINES) {
            throw new ValidationFailed("medicines", "at most " + MAX_MEDICINES + " medicines per check");
        }
        Map<Integer, FieldError> errors = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < request.medicines().size(); i++) {
            CheckRequest.Item item = request.medicines().get(i);
            String field = "medicines[" + i + "].id";
            if (item == null || item.id() == null || item.id().isBlank()) {
                errors.put(i, new FieldError(field, "is required"));
            } else if (!UUID_TEXT.matcher(item.id().strip()).matches()) {
                errors.put(i, new FieldError(field, "must be a medicine id (a UUID)"));
            } else {
                UUID id = UUID.fromString(item.id().strip());
                Integer first = seen.putIfAbsent(id, i);
                if (first != null) {
                    errors.put(i, new FieldError(field, "is listed twice (also medicines[" + first + "])"));
                } else {
                    ids.add(id);
                    positions.add(i);
                }
            }
        }
        return new Parsed(ids, positions, errors);
    }

    /** Pairs of the knowledge base, optionally only those of one ingredient, one severity or one origin. */
    public Page<InteractionView> pairs(Caller caller, String ingredient, String severity, String origin,
                                       PageRequest page) {
        String name = ingredient == null ? null : InteractionRow.normalizedName(ingredient);
        String level = severity(severity);
        if (origin != null && !List.of("bundled", "import").contains(origin)) {
            throw new InvalidParameter("origin", "must be bundled or import");
        }
        String where = """
                 WHERE (CAST(:ingredient AS text) IS NULL OR ingredient_a = :ingredient OR ingredient_b = :ingredient)
                   AND (CAST(:severity AS text) IS NULL OR severity = :severity)
                   AND (CAST(:origin AS text) IS NULL OR origin = :origin)
                """;
        String orderBy = page.orderBy(PAIR_SORT, SEVERITY_RANK) + ", ingredient_a, ingredient_b";
        Map<String, Object> binds = new HashMap<>();
        binds.put("ingredient", name);
        binds.put("severity", level);
        binds.put("origin", origin);
        return db.inTenant(caller.tenantId(), handle -> {
            long total = handle.createQuery("SELECT count(*) FROM drug_interactions" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<InteractionView> items = handle.createQuery("SELECT * FROM drug_interactions" + where
                            + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> new InteractionView(rs.getString("ingredient_a"), rs.getString("ingredient_b"),
                            rs.getString("severity"), rs.getString("description_en"), rs.getString("description_ar"),
                            rs.getString("management_en"), rs.getString("management_ar"), rs.getString("source"),
                            rs.getString("origin"), rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                    .list();
            return new Page<>(items, page, total);
        });
    }

    /** Class rules, optionally only those naming one class (either side) or of one severity. */
    public Page<ClassRuleView> classRules(Caller caller, String classCode, String severity, PageRequest page) {
        String code = classCode == null ? null : classCode.strip().toUpperCase(Locale.ROOT);
        String level = severity(severity);
        String where = """
                 WHERE (CAST(:code AS text) IS NULL OR r.class_code = :code OR r.other_class_code = :code)
                   AND (CAST(:severity AS text) IS NULL OR r.severity = :severity)
                """;
        String orderBy = page.orderBy(RULE_SORT, RULE_SORT.get("severity")) + ", r.priority";
        Map<String, Object> binds = new HashMap<>();
        binds.put("code", code);
        binds.put("severity", level);
        return db.inTenant(caller.tenantId(), handle -> {
            long total = handle.createQuery("SELECT count(*) FROM drug_class_interactions r" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<ClassRuleView> items = handle.createQuery("""
                            SELECT r.*, c.name_en, c.name_ar, o.name_en AS other_name_en, o.name_ar AS other_name_ar
                              FROM drug_class_interactions r
                              JOIN drug_classes c ON c.code = r.class_code
                              LEFT JOIN drug_classes o ON o.code = r.other_class_code
                            """ + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> new ClassRuleView(
                            new ClassRuleView.DrugClassRef(rs.getString("class_code"), rs.getString("name_en"),
                                    rs.getString("name_ar")),
                            rs.getString("other_class_code") == null ? null : new ClassRuleView.DrugClassRef(
                                    rs.getString("other_class_code"), rs.getString("other_name_en"),
                                    rs.getString("other_name_ar")),
                            rs.getString("other_ingredient"), rs.getString("severity"), rs.getString("description_en"),
                            rs.getString("description_ar"), rs.getString("management_en"),
                            rs.getString("management_ar"), rs.getString("source"),
                            rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                    .list();
            return new Page<>(items, page, total);
        });
    }

    /** Drug classes with their members, by code; optionally only those containing an ingredient. */
    public Page<DrugClassView> classes(Caller caller, String ingredient, Boolean allergyRelevant, PageRequest page) {
        if (page.sort() != null) {
            throw new InvalidParameter("sort", "drug classes are listed by code only");
        }
        String name = ingredient == null ? null : InteractionRow.normalizedName(ingredient);
        String where = """
                 WHERE (CAST(:ingredient AS text) IS NULL
                        OR EXISTS (SELECT 1 FROM drug_class_members m WHERE m.class_code = c.code AND m.ingredient = :ingredient))
                   AND (CAST(:allergy AS boolean) IS NULL OR c.allergy_relevant = CAST(:allergy AS boolean))
                """;
        Map<String, Object> binds = new HashMap<>();
        binds.put("ingredient", name);
        binds.put("allergy", allergyRelevant);
        return db.inTenant(caller.tenantId(), handle -> {
            long total = handle.createQuery("SELECT count(*) FROM drug_classes c" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<DrugClassView> items = handle.createQuery("""
                            SELECT c.code, c.name_en, c.name_ar, c.allergy_relevant,
                                   (SELECT array_agg(m.ingredient::text ORDER BY m.ingredient)
                                      FROM drug_class_members m WHERE m.class_code = c.code) AS members
                              FROM drug_classes c
                            """ + where + " ORDER BY c.code LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> new DrugClassView(rs.getString("code"), rs.getString("name_en"),
                            rs.getString("name_ar"), rs.getBoolean("allergy_relevant"), members(rs)))
                    .list();
            return new Page<>(items, page, total);
        });
    }

    private static List<String> members(ResultSet rs) throws SQLException {
        Array array = rs.getArray("members");
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String severity(String severity) {
        if (severity == null) {
            return null;
        }
        String level = severity.strip().toLowerCase(Locale.ROOT);
        if (!Severity.isKnown(level)) {
            throw new InvalidParameter("severity", "must be one of " + String.join(", ", Severity.ALL));
        }
        return level;
    }
}
