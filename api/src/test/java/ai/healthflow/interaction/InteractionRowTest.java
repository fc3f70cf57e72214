package ai.healthflow.interaction;

import ai.healthflow.medicine.importing.ImportRow;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionRowTest {

    static ImportRow row(String a, String b, String severity, String descriptionAr) {
        Map<String, String> values = new HashMap<>();
        values.put("ingredient_a", a);
        values.put("ingredient_b", b);
        values.put("severity", severity);
        values.put("description_en", "What happens.");
        values.put("description_ar", descriptionAr);
        values.put("management_en", "What to do.");
        values.put("management_ar", "ما يجب فعله.");
        values.put("source", "BNF");
        return new ImportRow(7, values);
    }

    static List<String> problems(ImportRow row) {
        return InteractionRow.parse(row).problems().stream().map(p -> p.line() + ":" + p.column()).toList();
    }

    @Test
    void namesAreNormalisedAndThePairHasACanonicalOrder() {
        InteractionRow r = InteractionRow.parse(row("  Warfarin ", "Acetylsalicylic   ACID", "MAJOR", "نص")).row();

        assertThat(r.ingredientA()).isEqualTo("warfarin");
        assertThat(r.ingredientB()).isEqualTo("acetylsalicylic acid");
        assertThat(r.first()).isEqualTo("acetylsalicylic acid");
        assertThat(r.second()).isEqualTo("warfarin");
        assertThat(r.severity()).isEqualTo("major");
        assertThat(r.sameContent("major", "What happens.", "نص", "What to do.", "ما يجب فعله.", "BNF")).isTrue();
        assertThat(r.sameContent("minor", "What happens.", "نص", "What to do.", "ما يجب فعله.", "BNF")).isFalse();
    }

    @Test
    void everyProblemOfARowIsReportedWithItsLineAndColumn() {
        assertThat(problems(row(null, "warfarin", "severe", "English only"))).containsExactly(
                "7:ingredient_a", "7:severity", "7:description_ar");
        assertThat(problems(row("warfarin", "WARFARIN", "major", "نص"))).containsExactly("7:ingredient_b");
        assertThat(problems(row("paracetamol + caffeine", "warfarin", "major", "نص"))).containsExactly("7:ingredient_a");
        assertThat(problems(row("وارفارين", "123", "major", "نص"))).containsExactly("7:ingredient_a", "7:ingredient_b");
        assertThat(problems(row("x".repeat(201), "warfarin", "major", "نص"))).containsExactly("7:ingredient_a");
        ImportRow arabicInEnglish = row("a", "b", "minor", "نص");
        arabicInEnglish.values().put("management_en", "راقب");
        arabicInEnglish.values().remove("source");
        assertThat(problems(arabicInEnglish)).containsExactly("7:management_en", "7:source");
    }

    @Test
    void theImportHeaderMustNameEveryColumnAndNoOther() {
        InteractionImport.checkHeader(List.of("source", "severity", "ingredient_b", "ingredient_a", "description_en",
                "description_ar", "management_en", "management_ar"));
        var error = org.assertj.core.api.Assertions.catchThrowableOfType(ai.healthflow.medicine.importing.ImportFileUnreadable.class,
                () -> InteractionImport.checkHeader(List.of("ingredient_a", "ingredient_b", "severity", "notes")));
        assertThat(error.errors()).extracting(e -> e.field()).contains("description_en", "source", "notes");
    }
}
