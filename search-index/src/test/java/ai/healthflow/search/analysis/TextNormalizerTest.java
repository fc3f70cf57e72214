package ai.healthflow.search.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static ai.healthflow.search.analysis.TextNormalizer.normalize;
import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    // --- Arabic orthography: one test per rule ---

    @Test
    void alefWithHamzaAboveBecomesBareAlef() {
        assertThat(normalize("أموكسيسيلين")).isEqualTo("اموكسيسيلين");
    }

    @Test
    void alefWithHamzaBelowBecomesBareAlef() {
        assertThat(normalize("إكسترا")).isEqualTo("اكسترا");
    }

    @Test
    void alefWithMaddaBecomesBareAlef() {
        assertThat(normalize("آمن")).isEqualTo("امن");
    }

    @Test
    void alefWaslaBecomesBareAlef() {
        assertThat(normalize("ٱلدواء")).isEqualTo("الدواء");
    }

    @Test
    void alefMaksuraBecomesYeh() {
        assertThat(normalize("مستشفى")).isEqualTo("مستشفي");
    }

    @Test
    void tehMarbutaBecomesHeh() {
        assertThat(normalize("كبسولة")).isEqualTo("كبسوله");
    }

    @Test
    void wawWithHamzaBecomesWaw() {
        assertThat(normalize("مؤثر")).isEqualTo("موثر");
    }

    @Test
    void yehWithHamzaBecomesYeh() {
        assertThat(normalize("دائم")).isEqualTo("دايم");
    }

    @Test
    void tatweelIsRemoved() {
        assertThat(normalize("بانـــادول")).isEqualTo("بانادول");
    }

    @Test
    void tashkeelIsRemoved() {
        // fatha, damma, kasra, sukun, shadda, tanween
        assertThat(normalize("بَانَادُولٌ مُسَكِّنْ")).isEqualTo("بانادول مسكن");
    }

    @Test
    void superscriptAlefIsRemoved() {
        assertThat(normalize("هٰذا")).isEqualTo("هذا");
    }

    @Test
    void persianKehehBecomesArabicKaf() {
        assertThat(normalize("کونکور")).isEqualTo("كونكور");
    }

    @Test
    void farsiYehBecomesArabicYeh() {
        assertThat(normalize("فیتامین")).isEqualTo("فيتامين");
    }

    @Test
    void vehUsedForLatinVBecomesFeh() {
        assertThat(normalize("ڤولتارين")).isEqualTo("فولتارين");
    }

    @Test
    void pehUsedForLatinPBecomesBeh() {
        assertThat(normalize("پانادول")).isEqualTo("بانادول");
    }

    @Test
    void gafUsedForLatinGBecomesJeem() {
        assertThat(normalize("گلوكوفاج")).isEqualTo("جلوكوفاج");
    }

    @Test
    void presentationFormsAndLigaturesBecomePlainLetters() {
        // ﻻ is the lam-alef ligature, ﺑﺎﻧﺎﺩﻭﻝ is presentation forms as copied out of PDFs
        assertThat(normalize("ﻻ ﺑﺎﻧﺎﺩﻭﻝ")).isEqualTo("لا بانادول");
    }

    @Test
    void invisibleFormatCharactersAreRemoved() {
        assertThat(normalize("بانا\u200Cدول\u200F pana\u200Bdol\uFEFF")).isEqualTo("بانادول panadol");
    }

    // --- digits and separators ---

    @Test
    void easternArabicDigitsBecomeAscii() {
        assertThat(normalize("٠١٢٣٤٥٦٧٨٩")).isEqualTo("0123456789");
    }

    @Test
    void persianDigitsBecomeAscii() {
        assertThat(normalize("۰۱۲۳۴۵۶۷۸۹")).isEqualTo("0123456789");
    }

    @Test
    void arabicDecimalSeparatorBecomesDot() {
        assertThat(normalize("٠٫٥")).isEqualTo("0.5");
    }

    @Test
    void arabicCommaBecomesComma() {
        assertThat(normalize("بانادول، بروفين")).isEqualTo("بانادول, بروفين");
    }

    @Test
    void arabicPercentAndThousandsSeparatorBecomeAscii() {
        assertThat(normalize("٢٪ ١٬٠٠٠")).isEqualTo("2% 1,000");
    }

    @Test
    void fullwidthAndSuperscriptDigitsBecomeAscii() {
        assertThat(normalize("５００ｍｇ m²")).isEqualTo("500mg m2");
    }

    // --- Latin ---

    @Test
    void latinIsLowercased() {
        assertThat(normalize("PANADOL Extra")).isEqualTo("panadol extra");
    }

    @Test
    void lowercasingIsLocaleIndependent() {
        // Turkish dotted/dotless i must not depend on the JVM's default locale
        assertThat(normalize("CIPRO İbuprofen")).isEqualTo("cipro ibuprofen");
    }

    @Test
    void latinDiacriticsAreStripped() {
        assertThat(normalize("Café Crème naïve Ñ")).isEqualTo("cafe creme naive n");
    }

    @Test
    void latinLettersWithoutDecompositionAreFolded() {
        assertThat(normalize("Øresund Æ œ ß ł đ")).isEqualTo("oresund ae oe ss l d");
    }

    @Test
    void nfkcCompatibilityCharactersAreUnfolded() {
        assertThat(normalize("ﬁlm Ⅻ")).isEqualTo("film xii");
    }

    @Test
    void microSignBecomesGreekMu() {
        assertThat(normalize("100µg")).isEqualTo("100μg");
    }

    // --- contract ---

    @Test
    void lowercaseAsciiIsReturnedAsIs() {
        String text = "panadol 500 mg";
        assertThat(normalize(text)).isSameAs(text);
    }

    @Test
    void nullAndEmptyGiveEmpty() {
        assertThat(normalize(null)).isEmpty();
        assertThat(normalize("")).isEmpty();
    }

    @Test
    void otherScriptsSurviveUnchanged() {
        assertThat(normalize("한국어 日本 ελληνικά")).isEqualTo("한국어 日本 ελληνικα");
    }

    @Test
    void emojiSurvive() {
        assertThat(normalize("💊 Panadol")).isEqualTo("💊 panadol");
    }

    @ParameterizedTest
    @CsvSource({
            "بانادول اكسترا 500 mg, بانادول اكسترا 500 mg",
            "Panadol إكسترا ٥٠٠ مجم, panadol اكسترا 500 مجم",
            "أقراص فوّارة ١٠٠٠مجم, اقراص فواره 1000مجم",
    })
    void mixedScriptText(String input, String expected) {
        assertThat(normalize(input)).isEqualTo(expected);
    }
}
