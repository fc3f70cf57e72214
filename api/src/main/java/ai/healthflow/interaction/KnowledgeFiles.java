package ai.healthflow.interaction;

import ai.healthflow.medicine.importing.CsvRowReader;
import ai.healthflow.medicine.importing.ImportRow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The knowledge base as shipped with the service: {@code /clinical/interactions.csv}, {@code drug-classes.csv} and
 * {@code class-interactions.csv} (see the README.md beside them). Read and checked with the rules an import uses;
 * a file that breaks them stops the start, naming every problem, rather than loading half a knowledge base.
 */
final class KnowledgeFiles {
    static final String DIR = "/clinical/";
    static final String INTERACTIONS = DIR + "interactions.csv";
    static final String CLASSES = DIR + "drug-classes.csv";
    static final String CLASS_RULES = DIR + "class-interactions.csv";
    static final List<String> CLASS_COLUMNS = List.of("class_code", "class_name_en", "class_name_ar", "ingredient",
            "allergy_relevant");
    static final List<String> RULE_COLUMNS = List.of("class_code", "other_class_code", "other_ingredient", "severity",
            "description_en", "description_ar", "management_en", "management_ar", "source");
    static final Pattern CLASS_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private KnowledgeFiles() {
    }

    record DrugClass(String code, String nameEn, String nameAr, boolean allergyRelevant) {
    }

    record Member(String classCode, String ingredient) {
    }

    /**
     * A class rule in canonical order ({@code classCode <= otherClassCode}).
     *
     * @param priority its line in the file: the first of equally severe matching rules is the one reported
     */
    record ClassRuleRow(String classCode, String otherClassCode, String otherIngredient, String severity,
                        String descriptionEn, String descriptionAr, String managementEn, String managementAr,
                        String source, int priority) {
        /** The rule's identity: its two sides. */
        String other() {
            return otherClassCode != null ? otherClassCode : otherIngredient;
        }
    }

    record Bundle(List<DrugClass> classes, List<Member> members, List<InteractionRow> pairs, List<ClassRuleRow> rules) {
    }

    /** @throws IllegalStateException naming every problem when a bundled file is missing or breaks a rule */
    static Bundle bundled() {
        List<String> problems = new ArrayList<>();
        var classes = new LinkedHashMap<String, DrugClass>();
        List<Member> members = new ArrayList<>();
        Set<Member> seenMembers = new HashSet<>();
        read(CLASSES, CLASS_COLUMNS, problems, row -> {
            String code = row.get("class_code");
            String ingredient = row.get("ingredient");
            String allergy = row.get("allergy_relevant");
            if (code == null || !CLASS_CODE.matcher(code).matches()) {
                problems.add(CLASSES + " line " + row.line() + ": class_code must be UPPER_SNAKE_CASE");
                return;
            }
            if (row.get("class_name_en") == null || row.get("class_name_ar") == null || ingredient == null
                    || !("true".equals(allergy) || "false".equals(allergy))) {
                problems.add(CLASSES + " line " + row.line() + ": every column is required, allergy_relevant true or false");
                return;
            }
            var drugClass = new DrugClass(code, row.get("class_name_en"), row.get("class_name_ar"), Boolean.parseBoolean(allergy));
            DrugClass known = classes.putIfAbsent(code, drugClass);
            if (known != null && !known.equals(drugClass)) {
                problems.add(CLASSES + " line " + row.line() + ": " + code + " has other names or another allergy_relevant above");
            }
            var member = new Member(code, InteractionRow.normalizedName(ingredient));
            if (seenMembers.add(member)) {
                members.add(member);
            } else {
                problems.add(CLASSES + " line " + row.line() + ": " + ingredient + " is listed twice in " + code);
            }
        });

        List<InteractionRow> pairs = new ArrayList<>();
        Map<List<String>, Integer> seenPairs = new LinkedHashMap<>();
        read(INTERACTIONS, InteractionRow.COLUMNS, problems, row -> {
            InteractionRow.Parsed parsed = InteractionRow.parse(row);
            if (parsed.row() == null) {
                parsed.problems().forEach(p -> problems.add(INTERACTIONS + " line " + p.line() + ": " + p.column() + " " + p.reason()));
                return;
            }
            Integer before = seenPairs.putIfAbsent(List.of(parsed.row().first(), parsed.row().second()), row.line());
            if (before != null) {
                problems.add(INTERACTIONS + " line " + row.line() + ": the pair is already on line " + before);
            } else {
                pairs.add(parsed.row());
            }
        });

        List<ClassRuleRow> rules = new ArrayList<>();
        Set<List<String>> seenRules = new HashSet<>();
        read(CLASS_RULES, RULE_COLUMNS, problems, row -> {
            ClassRuleRow rule = classRule(row, classes.keySet(), problems);
            if (rule != null && !seenRules.add(List.of(rule.classCode(), rule.other()))) {
                problems.add(CLASS_RULES + " line " + row.line() + ": the same two sides are already above");
            } else if (rule != null) {
                rules.add(rule);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The bundled interaction knowledge base is invalid:\n  "
                    + String.join("\n  ", problems));
        }
        return new Bundle(List.copyOf(classes.values()), List.copyOf(members), List.copyOf(pairs), List.copyOf(rules));
    }

    private static ClassRuleRow classRule(ImportRow row, Set<String> classes, List<String> problems) {
        String where = CLASS_RULES + " line " + row.line() + ": ";
        int before = problems.size();
        String code = row.get("class_code");
        String otherClass = row.get("other_class_code");
        String otherIngredient = row.get("other_ingredient") == null ? null
                : InteractionRow.normalizedName(row.get("other_ingredient"));
        if (code == null || !classes.contains(code)) {
            problems.add(where + "class_code must be a class of " + CLASSES);
        }
        if ((otherClass == null) == (otherIngredient == null)) {
            problems.add(where + "exactly one of other_class_code and other_ingredient is required");
        } else if (otherClass != null && !classes.contains(otherClass)) {
            problems.add(where + "other_class_code must be a class of " + CLASSES);
        }
        // the text columns follow the pair rules: reuse their checks on a row that has a harmless pair
        var values = new LinkedHashMap<>(row.values());
        values.put("ingredient_a", "a");
        values.put("ingredient_b", "b");
        InteractionRow.Parsed texts = InteractionRow.parse(new ImportRow(row.line(), values));
        texts.problems().forEach(p -> problems.add(where + p.column() + " " + p.reason()));
        if (problems.size() > before) {
            return null;
        }
        InteractionRow t = texts.row();
        String first = code;
        String second = otherClass;
        if (otherClass != null && otherClass.compareTo(code) < 0) {
            first = otherClass;
            second = code;
        }
        return new ClassRuleRow(first, second, otherIngredient, t.severity(), t.descriptionEn(), t.descriptionAr(),
                t.managementEn(), t.managementAr(), t.source(), row.line());
    }

    private static void read(String resource, List<String> columns, List<String> problems, Consumer<ImportRow> rows) {
        try (InputStream in = KnowledgeFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                problems.add(resource + " is missing from the build");
                return;
            }
            new CsvRowReader(in).read(header -> {
                if (!header.equals(columns)) {
                    throw new IllegalStateException(resource + ": the header must be " + String.join(",", columns)
                            + " but is " + String.join(",", header).toLowerCase(Locale.ROOT));
                }
            }, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
