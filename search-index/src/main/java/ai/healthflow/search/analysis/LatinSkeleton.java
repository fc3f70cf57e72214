package ai.healthflow.search.analysis;

/**
 * A phonetic "skeleton" of a Latin-script drug name as Arabic speakers spell it, for a separate sound-alike field.
 * Arabic has no p or v, and its vowels are mostly unwritten, so "Panadol" is typed as banadol, panadole or banadoul,
 * and "Voltaren" as foltaren or voltarin. The skeleton maps all of those to one key.
 *
 * <p>Scheme (a consonant skeleton; chosen over "map e/i/y→i, o/u→u" because that one keeps a trailing e or an
 * inserted vowel, so panadol ≠ panadole): the input is first passed through {@link TextNormalizer} and everything
 * but the letters a–z is ignored, then, reading left to right:
 * <ol>
 *   <li>ph → f</li>
 *   <li>c before e, i or y → s (soft c: ciprofloxacin ~ siprofloksasin); any other c → k (so ck → k, ch → k)</li>
 *   <li>q → k</li>
 *   <li>x → ks; but x at the start of a word → s (Xanax, Xenical are said with z)</li>
 *   <li>z → s</li>
 *   <li>v → f</li>
 *   <li>p → b</li>
 *   <li>j → g (ج is pronounced g in Egypt and j elsewhere, so flagyl ~ flajil either way)</li>
 *   <li>h after a consonant is dropped (th → t, sh → s, kh → k, gh → g); other h are kept</li>
 *   <li>vowels a e i o u y and w (w is treated as the vowel u, like Arabic و): a leading run of them becomes
 *       the single marker {@code a} (augmentin ~ ogmentin); all later ones are dropped (banadol ~ banadul ~ panadole)</li>
 *   <li>doubled letters are collapsed, also when they became equal through the rules above (ck → kk → k) or
 *       became adjacent because a vowel was dropped (xac → kss → ks)</li>
 * </ol>
 *
 * <p>Deliberately not handled: transpositions and dropped consonants (cataflam vs katfalam happens to match because
 * only vowels move, but a swapped consonant does not) and real misspellings (that is the fuzzy query's job);
 * t/d, s/th and k/g are kept apart. Because vowels are gone, the key is coarse: use it as a recall field with a
 * lower boost, never as the only match.
 */
public final class LatinSkeleton {
    private LatinSkeleton() {
    }

    /**
     * The skeleton of one word. Non-letters are ignored, so "co-amoxiclav" is treated as "coamoxiclav".
     *
     * @param word a Latin word, any case and accents; {@code null} is treated as empty
     * @return the skeleton in lowercase ASCII letters, empty when the input has no Latin letter
     */
    public static String of(CharSequence word) {
        String normalized = TextNormalizer.normalize(word);
        int length = normalized.length();
        char[] letters = new char[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = normalized.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters[n++] = c;
            }
        }
        StringBuilder out = new StringBuilder(n + 1);
        for (int i = 0; i < n; i++) {
            char c = letters[i];
            char next = i + 1 < n ? letters[i + 1] : 0;
            switch (c) {
                case 'p' -> {
                    if (next == 'h') {
                        append(out, 'f');
                        i++; // the h of ph is consumed here
                    } else {
                        append(out, 'b');
                    }
                }
                case 'c' -> append(out, next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
                case 'q' -> append(out, 'k');
                case 'x' -> {
                    if (i == 0) {
                        append(out, 's');
                    } else {
                        append(out, 'k');
                        append(out, 's');
                    }
                }
                case 'z' -> append(out, 's');
                case 'v' -> append(out, 'f');
                case 'j' -> append(out, 'g');
                case 'h' -> {
                    if (i == 0 || isVowel(letters[i - 1])) {
                        append(out, 'h');
                    }
                }
                case 'a', 'e', 'i', 'o', 'u', 'y', 'w' -> {
                    if (out.isEmpty()) {
                        out.append('a');
                    }
                }
                default -> append(out, c);
            }
        }
        return out.toString();
    }

    /** Appends unless it would double the last letter. */
    private static void append(StringBuilder out, char c) {
        if (out.isEmpty() || out.charAt(out.length() - 1) != c) {
            out.append(c);
        }
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
    }
}
