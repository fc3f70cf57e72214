package ai.healthflow.search.analysis;

import org.junit.jupiter.api.Test;

import static ai.healthflow.search.analysis.ArabicLightStemmer.stem;
import static ai.healthflow.search.analysis.ArabicLightStemmer.stripPrefixes;
import static ai.healthflow.search.analysis.ArabicLightStemmer.stripSuffixes;
import static org.assertj.core.api.Assertions.assertThat;

/** Inputs are in normalised form, as the stemmer sees them after TextNormalizer. */
class ArabicLightStemmerTest {

    // --- prefixes ---

    @Test
    void definiteArticleIsRemoved() {
        assertThat(stripPrefixes("الباراسيتامول")).isEqualTo("باراسيتامول");
    }

    @Test
    void andTheIsRemoved() {
        assertThat(stripPrefixes("والبانادول")).isEqualTo("بانادول");
    }

    @Test
    void withTheIsRemoved() {
        assertThat(stripPrefixes("بالفراوله")).isEqualTo("فراوله");
    }

    @Test
    void forTheIsRemoved() {
        assertThat(stripPrefixes("للاطفال")).isEqualTo("اطفال");
    }

    @Test
    void conjunctionWawIsRemoved() {
        assertThat(stripPrefixes("وبروفين")).isEqualTo("بروفين");
    }

    @Test
    void prefixesChainSoArticleAndBareFormsAgree() {
        assertThat(stripPrefixes("الوارفارين")).isEqualTo(stripPrefixes("وارفارين")).isEqualTo("ارفارين");
        assertThat(stripPrefixes("وبالبرتقال")).isEqualTo("برتقال");
    }

    @Test
    void atLeastThreeLettersMustRemain() {
        assertThat(stripPrefixes("الم")).isEqualTo("الم");
        assertThat(stripPrefixes("الفا")).isEqualTo("الفا");
        assertThat(stripPrefixes("ورق")).isEqualTo("ورق");
    }

    @Test
    void bareBehAndLamAreNeverRemoved() {
        assertThat(stripPrefixes("بانادول")).isEqualTo("بانادول");
        assertThat(stripPrefixes("ليريكا")).isEqualTo("ليريكا");
    }

    @Test
    void kafAndFehWithArticleAreNotTreatedAsPrefixes() {
        assertThat(stripPrefixes("كالسيوم")).isEqualTo("كالسيوم");
        assertThat(stripPrefixes("فاليوم")).isEqualTo("فاليوم");
    }

    // --- suffixes ---

    @Test
    void feminineSingularAndPluralShareAStem() {
        assertThat(stripSuffixes("كبسوله")).isEqualTo(stripSuffixes("كبسولات")).isEqualTo("كبسول");
        assertThat(stripSuffixes("قطره")).isEqualTo(stripSuffixes("قطرات")).isEqualTo("قطر");
    }

    @Test
    void suffixesAreTriedInTurn() {
        assertThat(stripSuffixes("فيتامينات")).isEqualTo(stripSuffixes("فيتامين")).isEqualTo("فيتام");
    }

    @Test
    void atLeastThreeLettersMustRemainAfterASuffix() {
        assertThat(stripSuffixes("دين")).isEqualTo("دين");
    }

    // --- whole words ---

    @Test
    void articleAndHamzaSpellingsMeet() {
        assertThat(stem("الباراسيتامول")).isEqualTo(stem("باراسيتامول"));
        assertThat(stem(TextNormalizer.normalize("أموكسيسيلين"))).isEqualTo(stem("اموكسيسيلين"));
    }

    @Test
    void nonArabicWordsAreUntouched() {
        assertThat(stem("panadol")).isEqualTo("panadol");
        assertThat(stem("500")).isEqualTo("500");
        assertThat(stem("")).isEmpty();
    }
}
