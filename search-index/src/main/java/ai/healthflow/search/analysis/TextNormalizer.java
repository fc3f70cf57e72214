package ai.healthflow.search.analysis;

import java.text.Normalizer;

/**
 * Character-level normalisation shared by indexing and querying, so that a pharmacist's spelling and the catalogue's
 * spelling meet in the same form. Pure and thread-safe; never throws, never changes word boundaries.
 *
 * <p>What it does, in this order:
 * <ol>
 *   <li><b>Unicode NFKD</b> (compatibility decomposition): Arabic presentation forms and ligatures (ﻻ, ﷲ) become
 *       plain letters, fullwidth/superscript digits and letters become ASCII, and precomposed letters split into base
 *       letter + combining mark (é → e + ◌́, أ → ا + ◌ٔ) so that stripping the mark folds them. Text that is
 *       still not ASCII/Arabic afterwards is recomposed (NFC), which makes the whole thing equivalent to NFKC.</li>
 *   <li><b>Marks removed:</b> Latin/Greek combining diacritics U+0300–U+036F, Arabic tashkeel/harakat U+064B–U+065F
 *       and superscript alef U+0670, Quranic marks U+0610–U+061A and U+06D6–U+06ED, tatweel U+0640, and invisible
 *       format characters (ZWSP/ZWNJ/ZWJ, LRM/RLM/ALM, bidi embeddings and isolates, BOM, soft hyphen), which users
 *       paste from the web and which would otherwise split or poison terms.</li>
 *   <li><b>Arabic letters:</b> أ إ آ ٱ → ا ; ى → ي ; ة → ه ; ؤ → و ; ئ → ي ; Persian/Urdu ک → ك, ی → ي, ھ ہ ە → ه,
 *       ے → ي ; letters used in Egypt to transliterate Latin sounds: ڤ (v) → ف, پ (p) → ب, چ → ج, گ (g) → ج
 *       (in Egyptian Arabic ج is pronounced g).</li>
 *   <li><b>Digits and punctuation:</b> Eastern Arabic ٠–٩ and Persian ۰–۹ → 0–9 ; ٫ → '.' ; ٬ → ',' ; ، → ',' ;
 *       ٪ → '%' ; ؛ → ';' ; ؟ → '?'.</li>
 *   <li><b>Latin:</b> lowercase (locale-independent, i.e. {@code Locale.ROOT} semantics) and fold the few letters
 *       that have no decomposition: ø → o, æ → ae, œ → oe, ß → ss, đ/ð → d, ł → l, ħ → h, ı → i, þ → th.</li>
 * </ol>
 *
 * <p>Deliberately <b>not</b> done: no trimming or whitespace collapsing, no stop words, no stemming, no removal of
 * the Arabic article, no transliteration between scripts, no removal of hamza on the line (ء). Those belong to the
 * token filters, which can decide per field.
 *
 * <p>Speed: pure lowercase-ASCII input is returned as is; ASCII input is lowercased in one pass; anything else costs
 * one JDK NFKD pass plus one mapping pass over the chars (plus an NFC pass only for scripts other than Latin/Arabic).
 * The function is idempotent: {@code normalize(normalize(s)).equals(normalize(s))}.
 */
public final class TextNormalizer {
    /** Per-char replacement for U+0600–U+06FF; {@link #KEEP} keeps the char, {@link #DROP} removes it. */
    private static final char[] ARABIC_BLOCK = new char[0x100];
    private static final char KEEP = '\uFFFF';
    private static final char DROP = '\u0000';

    static {
        java.util.Arrays.fill(ARABIC_BLOCK, KEEP);
        dropRange(0x0610, 0x061A); // Quranic honorifics and small marks
        dropRange(0x064B, 0x065F); // tashkeel: fathatan .. wavy hamza below (incl. hamza above/below marks)
        dropRange(0x06D6, 0x06ED); // Quranic annotation marks
        arabic(0x061C, DROP);      // Arabic letter mark (bidi control)
        arabic(0x0640, DROP);      // tatweel / kashida: purely typographic stretching
        arabic(0x0670, DROP);      // superscript (dagger) alef
        for (int d = 0; d < 10; d++) {
            arabic(0x0660 + d, (char) ('0' + d)); // Eastern Arabic-Indic digits
            arabic(0x06F0 + d, (char) ('0' + d)); // Extended (Persian/Urdu) digits
        }
        arabic(0x060C, ',');  // Arabic comma
        arabic(0x061B, ';');  // Arabic semicolon
        arabic(0x061F, '?');  // Arabic question mark
        arabic(0x066A, '%');  // Arabic percent sign
        arabic(0x066B, '.');  // Arabic decimal separator
        arabic(0x066C, ',');  // Arabic thousands separator
        char alef = '\u0627';
        char yeh = '\u064A';
        char heh = '\u0647';
        for (int c : new int[] {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675}) {
            arabic(c, alef);  // alef with madda / hamza above / hamza below, wasla, wavy hamza forms
        }
        arabic(0x0649, yeh);      // alef maksura → yeh (Egyptian spelling uses them interchangeably at word end)
        arabic(0x0626, yeh);      // yeh with hamza above
        arabic(0x06CC, yeh);      // Farsi yeh
        arabic(0x06D2, yeh);      // yeh barree
        arabic(0x0624, '\u0648'); // waw with hamza above → waw
        arabic(0x0629, heh);      // teh marbuta → heh (the two are written interchangeably at word end)
        arabic(0x06BE, heh);      // heh doachashmee
        arabic(0x06C1, heh);      // heh goal
        arabic(0x06D5, heh);      // ae
        arabic(0x06A9, '\u0643'); // keheh (Persian kaf) → kaf
        arabic(0x06A4, '\u0641'); // veh (used in Egypt for V: ڤولتارين) → feh
        arabic(0x067E, '\u0628'); // peh (P) → beh
        arabic(0x0686, '\u062C'); // tcheh → jeem
        arabic(0x06AF, '\u062C'); // gaf (G) → jeem, which Egyptians pronounce as g
    }

    private TextNormalizer() {
    }

    /**
     * Normalises {@code text} as described in the class comment.
     *
     * @param text any text, may be {@code null} (treated as empty)
     * @return the normalised text, never {@code null}
     */
    public static String normalize(CharSequence text) {
        if (text == null) {
            return "";
        }
        String ascii = asciiFastPath(text);
        return ascii != null ? ascii : slowPath(text);
    }

    /** Lowercases pure-ASCII input in one pass; returns {@code null} as soon as a non-ASCII char is seen. */
    private static String asciiFastPath(CharSequence text) {
        int length = text.length();
        char[] lowered = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c >= 'A' && c <= 'Z') {
                if (lowered == null) {
                    lowered = new char[length];
                    for (int j = 0; j < i; j++) {
                        lowered[j] = text.charAt(j);
                    }
                }
                lowered[i] = (char) (c + ('a' - 'A'));
            } else if (lowered != null) {
                lowered[i] = c;
            }
        }
        return lowered == null ? text.toString() : new String(lowered);
    }

    private static String slowPath(CharSequence text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        int length = decomposed.length();
        StringBuilder out = new StringBuilder(length);
        boolean needsRecomposition = false;
        for (int i = 0; i < length; i++) {
            char c = decomposed.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            } else if (c >= 0x0600 && c <= 0x06FF) {
                char mapped = ARABIC_BLOCK[c - 0x0600];
                if (mapped == KEEP) {
                    out.append(c);
                } else if (mapped != DROP) {
                    out.append(mapped);
                }
            } else if (isRemovedMark(c)) {
                // dropped: diacritic or invisible format char
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(decomposed.charAt(i + 1))) {
                out.appendCodePoint(Character.toLowerCase(Character.toCodePoint(c, decomposed.charAt(++i))));
                needsRecomposition = true;
            } else {
                char lower = Character.toLowerCase(c);
                String folded = foldLatin(lower);
                if (folded != null) {
                    out.append(folded);
                } else {
                    out.append(lower);
                    needsRecomposition |= lower >= 0x0300;
                }
            }
        }
        String result = out.toString();
        // NFKD left e.g. Hangul or Indic text decomposed; NFC puts it back so the overall effect is NFKC.
        return needsRecomposition ? Normalizer.normalize(result, Normalizer.Form.NFC) : result;
    }

    private static boolean isRemovedMark(char c) {
        return (c >= 0x0300 && c <= 0x036F)      // combining diacritical marks (Latin, Greek, Cyrillic accents)
                || (c >= 0x200B && c <= 0x200F)  // ZWSP, ZWNJ, ZWJ, LRM, RLM
                || (c >= 0x202A && c <= 0x202E)  // bidi embeddings and overrides
                || (c >= 0x2060 && c <= 0x2064)  // word joiner and invisible operators
                || (c >= 0x2066 && c <= 0x2069)  // bidi isolates
                || c == 0xFEFF                   // BOM / zero-width no-break space
                || c == 0x00AD;                  // soft hyphen
    }

    /** Latin letters that NFKD does not decompose; input is already lowercased. */
    private static String foldLatin(char c) {
        return switch (c) {
            case 'ø' -> "o";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ß' -> "ss";
            case 'đ', 'ð' -> "d";
            case 'ł' -> "l";
            case 'ħ' -> "h";
            case 'ı' -> "i";
            case 'þ' -> "th";
            default -> null;
        };
    }

    private static void dropRange(int from, int to) {
        for (int c = from; c <= to; c++) {
            arabic(c, DROP);
        }
    }

    private static void arabic(int codePoint, char replacement) {
        ARABIC_BLOCK[codePoint - 0x0600] = replacement;
    }
}
