package ai.healthflow.search.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static ai.healthflow.search.analysis.StrengthNormalizer.canonicalStrengths;
import static ai.healthflow.search.analysis.StrengthNormalizer.removeStrengths;
import static org.assertj.core.api.Assertions.assertThat;

class StrengthNormalizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"500mg", "500 mg", "500 MG", "500mgs", "500 milligrams", "٥٠٠ مجم", "500 ملجم",
            "٥٠٠مجم", "500 ملغ", "500 مللي جرام", "500 مليجرام"})
    void milligramsInEitherScript(String text) {
        assertThat(canonicalStrengths(text)).containsExactly("500mg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1g", "1 g", "1 gm", "1 gram", "1 grams", "1 gr", "1000 mg", "١ جم", "١ جرام", "1 غ",
            "1,000 mg", "1.0 g", "1000.00mg"})
    void gramsAreExpressedInMilligrams(String text) {
        assertThat(canonicalStrengths(text)).containsExactly("1000mg");
    }

    @Test
    void fractionalGrams() {
        assertThat(canonicalStrengths("0.5 g")).containsExactly("500mg");
        assertThat(canonicalStrengths("1,5 g")).containsExactly("1500mg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250mg/5ml", "250 mg / 5 ml", "250 mg/5 ml", "٢٥٠ مجم/٥ مل", "250 mg / 5 cc",
            "250 ملجم / 5 مللي"})
    void concentrationPerVolume(String text) {
        assertThat(canonicalStrengths(text)).containsExactly("250mg/5ml");
    }

    @Test
    void denominatorOfOneIsOmittedAndNotReduced() {
        assertThat(canonicalStrengths("2 mg/ml")).containsExactly("2mg/ml");
        assertThat(canonicalStrengths("2 mg / 1 ml")).containsExactly("2mg/ml");
        assertThat(canonicalStrengths("5mg/5ml")).containsExactly("5mg/5ml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5%", "0,5 %", "٠٫٥٪", "0.50 %", "0.5 percent"})
    void percentages(String text) {
        assertThat(canonicalStrengths(text)).containsExactly("0.5%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100 mcg", "100mcg", "100 µg", "100 ug", "100 micrograms", "١٠٠ ميكروجرام",
            "١٠٠ ميكرو جرام"})
    void microgramsStayMicrograms(String text) {
        assertThat(canonicalStrengths(text)).containsExactly("100mcg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000 iu", "1000 IU", "1000 I.U.", "1000 units", "١٠٠٠ وحدة دولية", "1000 وحدة",
            "1,000 iu"})
    void internationalUnits(String text) {
        assertThat(canonicalStrengths(text)).containsExactly("1000iu");
    }

    @Test
    void insulinUnitsPerMillilitre() {
        assertThat(canonicalStrengths("Mixtard 100 IU/ml")).containsExactly("100iu/ml");
    }

    @Test
    void litresBecomeMillilitres() {
        assertThat(canonicalStrengths("محلول 1 لتر")).containsExactly("1000ml");
        assertThat(canonicalStrengths("500 ml")).containsExactly("500ml");
    }

    @Test
    void dosesOfInhalers() {
        assertThat(canonicalStrengths("Ventolin 100 mcg/puff")).containsExactly("100mcg/dose");
        assertThat(canonicalStrengths("فنتولين ١٠٠ ميكروجرام/بخة")).containsExactly("100mcg/dose");
    }

    @Test
    void combinationsSharingAUnit() {
        assertThat(canonicalStrengths("Augmentin 500/125 mg")).containsExactly("500mg", "125mg");
        assertThat(canonicalStrengths("Augmentin 500 mg + 125 mg")).containsExactly("500mg", "125mg");
        assertThat(canonicalStrengths("Augmentin 500mg/125mg")).containsExactly("500mg", "125mg");
    }

    @Test
    void everyStrengthInAQueryInOrderWithoutDuplicates() {
        assertThat(canonicalStrengths("panadol 500 mg")).containsExactly("500mg");
        assertThat(canonicalStrengths("Cataflam 50 mg and 1 g and 50mg, syrup 15mg/5ml"))
                .containsExactly("50mg", "1000mg", "15mg/5ml");
    }

    @Test
    void numbersGluedToLettersAreNotStrengths() {
        assertThat(canonicalStrengths("vitamin b12 mg")).isEmpty();
        assertThat(canonicalStrengths("5 mgx")).isEmpty();
        assertThat(canonicalStrengths("3 ملاعق")).isEmpty(); // "spoons" starts like مل (ml)
    }

    @Test
    void barePlainNumbersAreNotStrengths() {
        assertThat(canonicalStrengths("panadol 500")).isEmpty();
        assertThat(canonicalStrengths("20 tablets")).isEmpty();
    }

    @Test
    void implausiblyLongNumbersAreIgnored() {
        assertThat(canonicalStrengths("12345678901234 mg")).isEmpty();
    }

    @Test
    void removeStrengthsLeavesTheNormalisedName() {
        assertThat(removeStrengths("panadol 500 mg")).isEqualTo("panadol");
        assertThat(removeStrengths("Panadol إكسترا ٥٠٠ مجم")).isEqualTo("panadol اكسترا");
        assertThat(removeStrengths("Augmentin 457mg/5ml suspension")).isEqualTo("augmentin suspension");
        assertThat(removeStrengths("500 mg")).isEmpty();
    }

    @Test
    void extractGivesBothInOneScan() {
        var extraction = StrengthNormalizer.extract("بانادول اكسترا 500 mg");
        assertThat(extraction.strengths()).containsExactly("500mg");
        assertThat(extraction.remainder()).isEqualTo("بانادول اكسترا");
    }

    @Test
    void nullEmptyAndPunctuation() {
        assertThat(canonicalStrengths(null)).isEmpty();
        assertThat(canonicalStrengths("")).isEmpty();
        assertThat(canonicalStrengths("/%.,mg/ml")).isEmpty();
        assertThat(removeStrengths(null)).isEmpty();
    }

    @Test
    void numberParsingDistinguishesDecimalCommaFromThousands() {
        assertThat(StrengthNormalizer.number("0,5")).isEqualByComparingTo("0.5");
        assertThat(StrengthNormalizer.number("2,5")).isEqualByComparingTo("2.5");
        assertThat(StrengthNormalizer.number("1,000")).isEqualByComparingTo("1000");
        assertThat(StrengthNormalizer.number("10,000,000")).isEqualByComparingTo("10000000");
        assertThat(StrengthNormalizer.number("1,250.5")).isEqualByComparingTo("1250.5");
        assertThat(StrengthNormalizer.number("0,500")).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(StrengthNormalizer.number("1.000.000")).isEqualByComparingTo("1000000");
    }
}
