package ai.healthflow.interaction;

import ai.healthflow.interaction.InteractionMatcher.ClassRule;
import ai.healthflow.interaction.InteractionMatcher.Ingredient;
import ai.healthflow.interaction.InteractionMatcher.Knowledge;
import ai.healthflow.interaction.InteractionMatcher.Medicine;
import ai.healthflow.interaction.InteractionMatcher.PairRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionMatcherTest {
    static final Ingredient WARFARIN = new Ingredient("warfarin", "وارفارين", Set.of("ANTICOAGULANTS"));
    static final Ingredient ASPIRIN = new Ingredient("acetylsalicylic acid", "حمض الأسيتيل ساليسيليك",
            Set.of("NSAIDS", "ANTIPLATELETS"));
    static final Ingredient CLOPIDOGREL = new Ingredient("clopidogrel", "كلوبيدوجريل", Set.of("ANTIPLATELETS"));
    static final Ingredient IBUPROFEN = new Ingredient("ibuprofen", "إيبوبروفين", Set.of("NSAIDS"));
    static final Ingredient DICLOFENAC = new Ingredient("diclofenac", "ديكلوفيناك", Set.of("NSAIDS"));
    static final Ingredient PARACETAMOL = new Ingredient("paracetamol", "باراسيتامول", Set.of());
    static final Ingredient CAFFEINE = new Ingredient("caffeine", null, Set.of());
    static final Ingredient VERAPAMIL = new Ingredient("verapamil", "فيراباميل", Set.of("CALCIUM_CHANNEL_BLOCKERS"));
    static final Ingredient BISOPROLOL = new Ingredient("bisoprolol", "بيسوبرولول", Set.of("BETA_BLOCKERS"));

    static final Knowledge KNOWLEDGE = Knowledge.of(
            List.of(pair("warfarin", "acetylsalicylic acid", "major"), pair("ibuprofen", "acetylsalicylic acid", "moderate")),
            List.of(classRule("NSAIDS", "NSAIDS", null, "major", 6), classRule("ANTIPLATELETS", "NSAIDS", null, "moderate", 17),
                    classRule("ANTICOAGULANTS", "ANTIPLATELETS", null, "major", 4),
                    classRule("ANTICOAGULANTS", "NSAIDS", null, "major", 5),
                    classRule("BETA_BLOCKERS", null, "verapamil", "major", 15)));

    static PairRule pair(String a, String b, String severity) {
        return new PairRule(a, b, severity, a + "+" + b, "ع", "m", "ع", "BNF");
    }

    static ClassRule classRule(String code, String otherCode, String otherIngredient, String severity, int priority) {
        return new ClassRule(code, otherCode, otherIngredient, severity, code + "x" + (otherCode == null ? otherIngredient : otherCode),
                "ع", "m", "ع", "BNF", priority);
    }

    static Medicine medicine(String name, Ingredient... ingredients) {
        return new Medicine(new MedicineRef(UUID.nameUUIDFromBytes(name.getBytes()), name, name), List.of(ingredients));
    }

    static List<String> describe(List<InteractionFinding> findings) {
        List<String> out = new ArrayList<>();
        for (InteractionFinding f : findings) {
            out.add(String.join("/", f.ingredients()) + ":" + f.rule() + ":" + f.severity() + ":" + f.descriptionEn());
        }
        return out;
    }

    @Test
    void aPairRowMatchesEitherOrderAndNamesTheIngredientsInMedicineOrder() {
        var aspocid = medicine("Aspocid", ASPIRIN);
        var marevan = medicine("Marevan", WARFARIN);

        List<InteractionFinding> findings = InteractionMatcher.match(aspocid, marevan, KNOWLEDGE);

        assertThat(describe(findings)).containsExactly("acetylsalicylic acid/warfarin:pair:major:warfarin+acetylsalicylic acid");
        assertThat(findings.getFirst().medicineA()).isEqualTo(aspocid.ref());
    }

    @Test
    void aPairRowReplacesTheClassRulesForItsTwoIngredientsOnly() {
        // aspirin+ibuprofen: the pair row (moderate), not NSAIDS x NSAIDS (major); clopidogrel+ibuprofen: class rule
        var duoplavin = medicine("DuoPlavin", CLOPIDOGREL, ASPIRIN);
        var brufen = medicine("Brufen", IBUPROFEN);

        assertThat(describe(InteractionMatcher.match(duoplavin, brufen, KNOWLEDGE))).containsExactly(
                "clopidogrel/ibuprofen:class:moderate:ANTIPLATELETSxNSAIDS",
                "acetylsalicylic acid/ibuprofen:pair:moderate:ibuprofen+acetylsalicylic acid");
    }

    @Test
    void ofSeveralMatchingClassRulesOnlyTheMostSevereIsReportedThenTheFirst() {
        // aspirin + diclofenac: NSAIDS x NSAIDS (major, 6) and ANTIPLATELETS x NSAIDS (moderate, 17)
        assertThat(describe(InteractionMatcher.match(medicine("Aspocid", ASPIRIN), medicine("Cataflam", DICLOFENAC), KNOWLEDGE)))
                .containsExactly("acetylsalicylic acid/diclofenac:class:major:NSAIDSxNSAIDS");
        // heparin + aspirin: ANTICOAGULANTS x ANTIPLATELETS (major, 4) and x NSAIDS (major, 5): the first
        var heparin = medicine("Heparin", new Ingredient("heparin", null, Set.of("ANTICOAGULANTS")));
        assertThat(describe(InteractionMatcher.match(heparin, medicine("Aspocid", ASPIRIN), KNOWLEDGE)))
                .containsExactly("heparin/acetylsalicylic acid:class:major:ANTICOAGULANTSxANTIPLATELETS");
    }

    @Test
    void aSameClassRuleNeedsTwoDifferentIngredientsAndAClassByIngredientRuleMatchesBothWays() {
        assertThat(describe(InteractionMatcher.match(medicine("Brufen", IBUPROFEN), medicine("Cataflam", DICLOFENAC), KNOWLEDGE)))
                .containsExactly("ibuprofen/diclofenac:class:major:NSAIDSxNSAIDS");
        assertThat(describe(InteractionMatcher.match(medicine("Isoptin", VERAPAMIL), medicine("Concor", BISOPROLOL), KNOWLEDGE)))
                .containsExactly("verapamil/bisoprolol:class:major:BETA_BLOCKERSxverapamil");
        // the same NSAID twice is duplicate therapy, not the NSAIDS x NSAIDS rule
        assertThat(describe(InteractionMatcher.match(medicine("Brufen", IBUPROFEN), medicine("Profinal", IBUPROFEN), KNOWLEDGE)))
                .singleElement().asString().startsWith("ibuprofen:duplicate:moderate:");
    }

    @Test
    void sharedIngredientsAreOneDuplicateFindingInBothLanguages() {
        var panadol = medicine("Panadol", PARACETAMOL);
        var extra = medicine("Panadol Extra", PARACETAMOL, CAFFEINE);
        var extra2 = medicine("Solpadeine", PARACETAMOL, CAFFEINE);

        InteractionFinding one = InteractionMatcher.match(panadol, extra, KNOWLEDGE).getFirst();
        InteractionFinding two = InteractionMatcher.match(extra, extra2, KNOWLEDGE).getFirst();

        assertThat(one.rule()).isEqualTo("duplicate");
        assertThat(one.severity()).isEqualTo("moderate");
        assertThat(one.ingredients()).containsExactly("paracetamol");
        assertThat(one.descriptionEn()).contains("same active ingredient (paracetamol)");
        assertThat(one.descriptionAr()).contains("(باراسيتامول)");
        assertThat(two.ingredients()).containsExactly("paracetamol", "caffeine");
        assertThat(two.descriptionAr()).as("no Arabic name: the English one").contains("باراسيتامول، caffeine");
        assertThat(InteractionMatcher.match(panadol, extra, KNOWLEDGE)).hasSize(1);
    }

    @Test
    void theSameProductOnBothSidesIsOnlyADuplicate() {
        var duoplavin = medicine("DuoPlavin", CLOPIDOGREL, ASPIRIN);

        List<InteractionFinding> findings = InteractionMatcher.match(duoplavin, duoplavin, KNOWLEDGE);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("duplicate");
            assertThat(f.ingredients()).containsExactly("clopidogrel", "acetylsalicylic acid");
            assertThat(f.descriptionEn()).startsWith("This product is already among the patient's current medicines");
        });
    }

    @Test
    void sortingPutsTheMostSevereFirstAndKeepsTheOrderWithinASeverity() {
        var ref = new MedicineRef(UUID.randomUUID(), "x", "x");
        List<InteractionFinding> findings = new ArrayList<>();
        for (String s : List.of("minor", "moderate", "major", "contraindicated", "moderate", "major")) {
            findings.add(new InteractionFinding(ref, ref, List.of(s + findings.size()), s, "", "", "", "", "", "pair"));
        }

        assertThat(InteractionMatcher.sorted(findings)).extracting(f -> f.ingredients().getFirst())
                .containsExactly("contraindicated3", "major2", "major5", "moderate1", "moderate4", "minor0");
        assertThat(Severity.rank("contraindicated")).isLessThan(Severity.rank("minor"));
        assertThat(Severity.rank("unknown")).isGreaterThan(Severity.rank("minor"));
    }
}
