package ai.healthflow.search.analysis;

import java.util.List;

/**
 * A conservative light stemmer for Arabic words that have already been through {@link TextNormalizer} (so ة is ه,
 * ى is ي and hamza forms are ا). Modelled on Lucene's {@code ArabicStemmer} (Larkey's light10), tuned for a medicine
 * catalogue whose Arabic words are mostly transliterated brand and generic names. Words that do not start with an
 * Arabic letter are returned unchanged.
 *
 * <p><b>Prefixes</b> ({@link #stripPrefixes}), tried in this order, each only when at least {@value #MIN_STEM}
 * letters remain, and applied repeatedly (at most {@value #MAX_PREFIXES} times) so that "الوارفارين",
 * "وارفارين" and "والوارفارين" end up equal:
 * <ul>
 *   <li>وال، بال، لل، ال — the definite article, alone or after "and", "with" or "for" (للاطفال → اطفال)</li>
 *   <li>و — "and" (وبانادول → بانادول)</li>
 * </ul>
 * Not stripped, on purpose: a bare ب or ل (بانادول, بروفين, ليريكا and every P-brand start with them; stripping
 * would turn names into non-words and break prefix and fuzzy queries), and كال/فال (كالسيوم, فالسارتان, فاليوم
 * would lose their first syllable — "فاليوم" would become "يوم", "day").
 *
 * <p><b>Suffixes</b> ({@link #stripSuffixes}): ها، ان، ات، ون، ين، يه، ه، ي — each tried once, in that order, each
 * only when at least {@value #MIN_STEM} letters remain (so كبسولات and كبسوله both give كبسول, قطرات and قطره give
 * قطر, فيتامينات and فيتامين give فيتام). Broken plurals (اقراص / قرص) are not handled.
 */
public final class ArabicLightStemmer {
    /** Shortest stem left after removing an affix. Lucene uses 2; 3 keeps short words such as الم intact. */
    public static final int MIN_STEM = 3;
    /** Enough for conjunction + preposition + article chains such as و + بال. */
    public static final int MAX_PREFIXES = 3;

    private static final List<String> PREFIXES = List.of("وال", "بال", "لل", "ال", "و");
    private static final List<String> SUFFIXES = List.of("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي");

    private ArabicLightStemmer() {
    }

    /** Prefixes, then suffixes. */
    public static String stem(String word) {
        return stripSuffixes(stripPrefixes(word));
    }

    /** Removes the article and the conjunction و as described in the class comment. */
    public static String stripPrefixes(String word) {
        if (!startsWithArabicLetter(word)) {
            return word;
        }
        String current = word;
        for (int round = 0; round < MAX_PREFIXES; round++) {
            String stripped = stripOnePrefix(current);
            if (stripped == current) {
                break;
            }
            current = stripped;
        }
        return current;
    }

    /** Removes the suffixes listed in the class comment. */
    public static String stripSuffixes(String word) {
        if (!startsWithArabicLetter(word)) {
            return word;
        }
        String current = word;
        for (String suffix : SUFFIXES) {
            if (current.length() - suffix.length() >= MIN_STEM && current.endsWith(suffix)) {
                current = current.substring(0, current.length() - suffix.length());
            }
        }
        return current;
    }

    private static String stripOnePrefix(String word) {
        for (String prefix : PREFIXES) {
            if (word.length() - prefix.length() >= MIN_STEM && word.startsWith(prefix)) {
                return word.substring(prefix.length());
            }
        }
        return word;
    }

    private static boolean startsWithArabicLetter(String word) {
        return !word.isEmpty() && Scripts.isArabicLetter(word.charAt(0));
    }
}
