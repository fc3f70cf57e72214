package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Whatever a user pastes into the search box, nothing in this package may throw. */
class RobustnessTest {
    static final List<Analyzer> ANALYZERS = List.of(new MedicineAnalyzer(), new SkeletonAnalyzer(),
            PrefixAnalyzer.forIndexing(), PrefixAnalyzer.forQuerying());

    @AfterAll
    static void close() {
        ANALYZERS.forEach(Analyzer::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "!!!", "...,,,///%%%", "ـــــ", "ًٌٍَُِّْ", "٫٬،؛؟", "💊💉🤒",
            "👨‍⚕️", "\u200B\u200C\u200D\uFEFF", "\uD800", "\uDC00x", "0", "0.0.0.0 mg", "/ml", "% % %",
            "١/٢/٣ مجم", "mg mg mg", "ﷺﷲ", "𝐏𝐚𝐧𝐚𝐝𝐨𝐥"})
    void odditiesDoNotThrow(String text) {
        assertThatCode(() -> everything(text)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void tenThousandRandomCodePointsDoNotThrow(long seed) {
        String text = randomCodePoints(new Random(seed), 10_000);
        assertThatCode(() -> everything(text)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1,", "1 /", "1.1 ", "٥", "a1", "1 m"})
    void longRepetitionsStayFast(String unit) {
        // guards the strength regex against catastrophic backtracking
        String text = unit.repeat(100_000 / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> everything(text));
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void normalisationIsIdempotent(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            String text = randomCodePoints(random, 1 + random.nextInt(20));
            String once = TextNormalizer.normalize(text);
            assertThat(TextNormalizer.normalize(once)).as("normalize twice %s", codePoints(text)).isEqualTo(once);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void skeletonsAreLowercaseAsciiLetters(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            assertThat(LatinSkeleton.of(randomCodePoints(random, 12))).matches("[a-z]*");
        }
    }

    private static void everything(String text) {
        TextNormalizer.normalize(text);
        StrengthNormalizer.extract(text);
        LatinSkeleton.of(text);
        ArabicLightStemmer.stem(TextNormalizer.normalize(text));
        for (Analyzer analyzer : ANALYZERS) {
            Tokens.terms(analyzer, text);
        }
    }

    /**
     * Random text biased towards what matters here (ASCII, Latin-1, Arabic incl. presentation forms, digits,
     * spaces) but reaching any code point, including unpaired surrogates.
     */
    static String randomCodePoints(Random random, int count) {
        StringBuilder text = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++) {
            int codePoint = switch (random.nextInt(6)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0x1E0);
                case 2 -> 0x0600 + random.nextInt(0x100);
                case 3 -> 0xFB50 + random.nextInt(0x4B0);
                case 4 -> ' ';
                default -> random.nextInt(Character.MAX_CODE_POINT + 1);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String codePoints(String text) {
        return Stream.of(text.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toArray())
                .map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("");
    }
}
