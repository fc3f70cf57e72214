package ai.healthflow.interaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The matching rules, with no database: given two medicines split into their ingredients and the part of the
 * knowledge base that concerns them, what is wrong with taking them together.
 * <ol>
 *   <li>An ingredient both contain: one {@code duplicate} finding (moderate) listing the shared ingredients.</li>
 *   <li>Each ingredient of A with each different ingredient of B: the pair row for the two, when there is one. A
 *       pair row is the specific, curated statement about two ingredients and replaces every class rule for them.</li>
 *   <li>Otherwise the class rules that match the two ingredients: only the most severe is reported (several class
 *       rules often describe one risk: aspirin is both an NSAID and an antiplatelet), and among equally severe ones
 *       the one with the lowest priority (its line in the bundled file).</li>
 * </ol>
 * Ingredients of one product are never checked against each other: a combination is designed that way.
 */
final class InteractionMatcher {
    /** Severity first; within a severity the order the pairs were checked in (stable sort). */
    static final Comparator<InteractionFinding> BY_SEVERITY = Comparator.comparingInt(f -> Severity.rank(f.severity()));

    static final String DUPLICATE_SOURCE = "HealthFlow duplicate-therapy check";

    private InteractionMatcher() {
    }

    /** An active ingredient: lowercase English name, Arabic name (may be null), the classes it belongs to. */
    record Ingredient(String name, String nameAr, Set<String> classes) {
    }

    /** A medicine with its active ingredients in label order. */
    record Medicine(MedicineRef ref, List<Ingredient> ingredients) {
    }

    /** A pair row; {@code a} and {@code b} in any order. */
    record PairRule(String a, String b, String severity, String descriptionEn, String descriptionAr,
                    String managementEn, String managementAr, String source) {
    }

    /**
     * A class rule: {@code classCode} × {@code otherClassCode} (the same code: two different members), or
     * {@code classCode} × {@code otherIngredient}.
     */
    record ClassRule(String classCode, String otherClassCode, String otherIngredient, String severity,
                     String descriptionEn, String descriptionAr, String managementEn, String managementAr,
                     String source, int priority) {

        boolean matches(Ingredient x, Ingredient y) {
            if (x.name().equals(y.name())) {
                return false;
            }
            if (otherClassCode != null) {
                return x.classes().contains(classCode) && y.classes().contains(otherClassCode)
                        || x.classes().contains(otherClassCode) && y.classes().contains(classCode);
            }
            return x.classes().contains(classCode) && y.name().equals(otherIngredient)
                    || y.classes().contains(classCode) && x.name().equals(otherIngredient);
        }

        /** More severe first, then lower priority. */
        static final Comparator<ClassRule> PREFERRED = Comparator.<ClassRule>comparingInt(r -> Severity.rank(r.severity()))
                .thenComparingInt(ClassRule::priority);
    }

    /** What the knowledge base says about a set of ingredients. */
    record Knowledge(Map<Set<String>, PairRule> pairs, List<ClassRule> classRules) {
        static Knowledge of(List<PairRule> pairs, List<ClassRule> classRules) {
            var byPair = new HashMap<Set<String>, PairRule>();
            for (PairRule pair : pairs) {
                byPair.put(Set.of(pair.a(), pair.b()), pair);
            }
            return new Knowledge(byPair, classRules.stream().sorted(ClassRule.PREFERRED).toList());
        }

        PairRule pair(String x, String y) {
            return pairs.get(Set.of(x, y));
        }
    }

    /** Everything to report about taking {@code a} and {@code b} together, unsorted. */
    static List<InteractionFinding> match(Medicine a, Medicine b, Knowledge knowledge) {
        List<InteractionFinding> findings = new ArrayList<>();
        if (a.ref().id().equals(b.ref().id())) {
            // the same product proposed again while the patient takes it: every ingredient is duplicated
            findings.add(duplicate(a, b, a.ingredients(), true));
            return findings;
        }
        List<Ingredient> shared = new ArrayList<>();
        for (Ingredient x : a.ingredients()) {
            if (b.ingredients().stream().anyMatch(y -> y.name().equals(x.name()))) {
                shared.add(x);
            }
        }
        if (!shared.isEmpty()) {
            findings.add(duplicate(a, b, shared, false));
        }
        for (Ingredient x : a.ingredients()) {
            for (Ingredient y : b.ingredients()) {
                if (x.name().equals(y.name())) {
                    continue;
                }
                PairRule pair = knowledge.pair(x.name(), y.name());
                if (pair != null) {
                    findings.add(new InteractionFinding(a.ref(), b.ref(), List.of(x.name(), y.name()), pair.severity(),
                            pair.descriptionEn(), pair.descriptionAr(), pair.managementEn(), pair.managementAr(),
                            pair.source(), InteractionFinding.PAIR));
                    continue;
                }
                // class rules are sorted most preferred first: the first match is the one to report
                for (ClassRule rule : knowledge.classRules()) {
                    if (rule.matches(x, y)) {
                        findings.add(new InteractionFinding(a.ref(), b.ref(), List.of(x.name(), y.name()),
                                rule.severity(), rule.descriptionEn(), rule.descriptionAr(), rule.managementEn(),
                                rule.managementAr(), rule.source(), InteractionFinding.CLASS));
                        break;
                    }
                }
            }
        }
        return findings;
    }

    /** Sorted by severity, most severe first; the order within a severity is kept. */
    static List<InteractionFinding> sorted(List<InteractionFinding> findings) {
        return findings.stream().sorted(BY_SEVERITY).toList();
    }

    private static InteractionFinding duplicate(Medicine a, Medicine b, List<Ingredient> shared, boolean sameProduct) {
        List<String> names = shared.stream().map(Ingredient::name).toList();
        String english = String.join(", ", names);
        String arabic = String.join("، ", shared.stream().map(i -> i.nameAr() == null ? i.name() : i.nameAr()).toList());
        boolean one = shared.size() == 1;
        String descriptionEn;
        String descriptionAr;
        if (sameProduct) {
            descriptionEn = "This product is already among the patient's current medicines (active "
                    + (one ? "ingredient" : "ingredients") + ": " + english + "): prescribing it again doubles the dose.";
            descriptionAr = "هذا المنتج موجود بالفعل ضمن أدوية المريض الحالية ("
                    + (one ? "المادة الفعالة: " : "المواد الفعالة: ") + arabic + ")، ووصفه مرة أخرى يضاعف الجرعة.";
        } else if (one) {
            descriptionEn = "Both products contain the same active ingredient (" + english + "): taken together, the "
                    + "patient receives it twice and may exceed its maximum dose.";
            descriptionAr = "يحتوي المنتجان كلاهما على المادة الفعالة نفسها (" + arabic + ")، فيتلقاها المريض مرتين "
                    + "عند تناولهما معًا وقد يتجاوز جرعتها القصوى.";
        } else {
            descriptionEn = "Both products contain the same active ingredients (" + english + "): taken together, the "
                    + "patient receives them twice and may exceed their maximum doses.";
            descriptionAr = "يحتوي المنتجان كلاهما على المواد الفعالة نفسها (" + arabic + ")، فيتلقاها المريض مرتين "
                    + "عند تناولهما معًا وقد يتجاوز جرعاتها القصوى.";
        }
        return new InteractionFinding(a.ref(), b.ref(), names, Severity.MODERATE, descriptionEn, descriptionAr,
                "Therapeutic duplication: make sure it is intended (for example two strengths while adjusting the "
                        + "dose); otherwise prescribe one product and check the total daily dose.",
                "ازدواج علاجي: يُتأكَّد من أنه مقصود (كوصف تركيزين أثناء ضبط الجرعة)، وإلا فيُوصف منتج واحد مع "
                        + "مراجعة الجرعة اليومية الإجمالية.",
                DUPLICATE_SOURCE, InteractionFinding.DUPLICATE);
    }
}
