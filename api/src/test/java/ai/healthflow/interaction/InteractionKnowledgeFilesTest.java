package ai.healthflow.interaction;

import ai.healthflow.interaction.KnowledgeFiles.Bundle;
import ai.healthflow.interaction.KnowledgeFiles.ClassRuleRow;
import ai.healthflow.interaction.KnowledgeFiles.DrugClass;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled knowledge base as the start-up load reads it: every row passes the import's rules, and the class
 * rules ({@code class-interactions.csv}) refer to known classes and ingredients and cover the well-known class
 * effects.
 */
class InteractionKnowledgeFilesTest {
    static final Bundle BUNDLE = KnowledgeFiles.bundled();
    static final Set<String> SOURCES = Set.of("BNF", "Stockley", "FDA label", "EMA SmPC", "MHRA", "CredibleMeds",
            "ACR Manual on Contrast Media");

    @Test
    void theBundledFilesLoadCompletely() {
        assertThat(BUNDLE.pairs()).hasSize(340);
        assertThat(BUNDLE.classes()).hasSize(52);
        assertThat(BUNDLE.members()).hasSize(246);
        assertThat(BUNDLE.rules()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(BUNDLE.pairs()).allMatch(p -> p.first().compareTo(p.second()) < 0);
    }

    @Test
    void classRulesCoverTheWellKnownClassEffects() {
        Set<String> sides = BUNDLE.rules().stream().map(r -> r.classCode() + "x" + r.other()).collect(Collectors.toSet());
        assertThat(sides).contains("NSAIDSxNSAIDS", "SEROTONERGIC_DRUGSxSEROTONERGIC_DRUGS",
                "QT_PROLONGING_KNOWN_RISKxQT_PROLONGING_KNOWN_RISK", "ANTICOAGULANTSxANTICOAGULANTS",
                "ANTICOAGULANTSxANTIPLATELETS", "ANTICOAGULANTSxNSAIDS", "NITRATESxPDE5_INHIBITORS",
                "BENZODIAZEPINESxOPIOIDS", "ACE_INHIBITORSxARBS", "BETA_BLOCKERSxverapamil");
        ClassRuleRow nsaids = BUNDLE.rules().stream().filter(r -> r.classCode().equals("NSAIDS")
                && "NSAIDS".equals(r.otherClassCode())).findFirst().orElseThrow();
        assertThat(nsaids.severity()).isEqualTo("major");
        assertThat(nsaids.descriptionEn()).contains("gastrointestinal", "renal");
    }

    @Test
    void classRulesNameKnownClassesAndIngredientsAndDocumentedSources() {
        Set<String> codes = BUNDLE.classes().stream().map(DrugClass::code).collect(Collectors.toSet());
        Set<String> ingredients = new HashSet<>();
        BUNDLE.members().forEach(m -> ingredients.add(m.ingredient()));
        BUNDLE.pairs().forEach(p -> {
            ingredients.add(p.first());
            ingredients.add(p.second());
        });
        for (ClassRuleRow rule : BUNDLE.rules()) {
            assertThat(codes).as("line %d", rule.priority()).contains(rule.classCode());
            if (rule.otherClassCode() != null) {
                assertThat(codes).as("line %d", rule.priority()).contains(rule.otherClassCode());
                assertThat(rule.classCode().compareTo(rule.otherClassCode())).isLessThanOrEqualTo(0);
            } else {
                assertThat(ingredients).as("line %d", rule.priority()).contains(rule.otherIngredient());
            }
            assertThat(Arrays.stream(rule.source().split(";")).map(String::strip)).as("line %d", rule.priority())
                    .allMatch(SOURCES::contains);
            assertThat(rule.descriptionAr()).containsPattern(InteractionRow.ARABIC_LETTER);
            assertThat(rule.managementAr()).containsPattern(InteractionRow.ARABIC_LETTER);
        }
    }
}
