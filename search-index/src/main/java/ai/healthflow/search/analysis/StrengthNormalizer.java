package ai.healthflow.search.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds drug strengths in free text, in Arabic or English, and turns each into one canonical token, meant to be
 * indexed untokenised (one {@code StringField} per value) and matched with a term query.
 *
 * <p>Canonical form: a plain decimal number (no trailing zeros, '.' as separator) immediately followed by the unit,
 * and for concentrations "/" plus the denominator, with the number omitted when it is 1:
 * <pre>
 *   500mg, "500 mg", "٥٠٠ مجم", "500 ملجم", "500 milligrams"   → 500mg
 *   1g, "1 gm", "1 gram", "1000 mg", "١ جم", "1,000 mg"        → 1000mg   (mass is always in mg)
 *   "250 mg / 5 ml", "250mg/5ml", "٢٥٠ مجم/٥ مل"                → 250mg/5ml
 *   "2 mg/ml", "2 mg / 1 ml"                                    → 2mg/ml   (denominators are not reduced)
 *   "0.5%", "0,5 %", "٠٫٥٪"                                     → 0.5%
 *   "100 mcg", "100 µg", "100 ug", "١٠٠ ميكروجرام"              → 100mcg   (kept in mcg, not converted to mg)
 *   "1000 iu", "1000 IU", "1000 units", "١٠٠٠ وحدة دولية"        → 1000iu   (also "100 units/ml" → 100iu/ml)
 *   "5 ml", "5 cc", "٥ مل"; "1 l", "1 لتر"                       → 5ml; 1000ml
 *   "100 mcg/dose", "100 mcg/puff", "١٠٠ ميكروجرام/بخة"          → 100mcg/dose
 *   "500/125 mg", "500 mg + 125 mg" (combinations)            → 500mg, 125mg
 * </pre>
 * A comma is a decimal separator ("0,5") unless it groups thousands ("1,000", "10,000": 1–3 digits, then groups of
 * exactly three). Numbers glued to a letter or digit before them are ignored ("b12 mg" is not 12 mg), and so are
 * units glued to a letter after them ("5 mgx").
 *
 * <p>Not covered, on purpose: mmol/meq, mg/kg dosing instructions, per-tablet wording ("500 mg per tablet" yields
 * just 500mg), ranges ("1-2 g"), reduction of concentrations (2mg/ml ≠ 10mg/5ml), mcg ↔ mg conversion (1000mcg ≠
 * 1mg), grains (the "gr" seen on Egyptian packs always means gram) and strengths written with words ("five mg").
 */
public final class StrengthNormalizer {
    private enum Unit {
        MG("mg", 1), G("mg", 1000), MCG("mcg", 1), IU("iu", 1), ML("ml", 1), L("ml", 1000), PERCENT("%", 1),
        DOSE("dose", 1);

        final String canonical;
        final int multiplier;

        Unit(String canonical, int multiplier) {
            this.canonical = canonical;
            this.multiplier = multiplier;
        }
    }

    /** Spellings per unit, written naturally; they are run through {@link TextNormalizer} before use. */
    private static final Map<Unit, List<String>> NUMERATOR_UNITS = Map.of(
            Unit.MG, List.of("mg", "mgs", "mgm", "milligram", "milligrams", "milligramme", "milligrammes",
                    "مجم", "ملجم", "مج", "ملغ", "ملغم", "مغ", "مليجرام", "ملليجرام", "ميليجرام", "مللي جرام",
                    "ملي جرام", "مليغرام", "ملليغرام"),
            Unit.G, List.of("g", "gm", "gms", "gr", "grs", "gram", "grams", "gramme", "grammes",
                    "جم", "جرام", "جرامات", "جرم", "غ", "غم", "غرام"),
            Unit.MCG, List.of("mcg", "µg", "ug", "microgram", "micrograms", "microgramme",
                    "ميكروجرام", "ميكرو جرام", "ميكروغرام", "ميكروجم", "مكجم", "مكغ"),
            Unit.IU, List.of("iu", "i.u.", "i.u", "unit", "units", "international unit", "international units",
                    "وحدة دولية", "وحدات دولية", "وحدة", "وحدات"),
            Unit.ML, List.of("ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres", "cc",
                    "مل", "ملل", "مللي", "ملي", "مللتر", "ملليلتر", "مليلتر", "ميليلتر"),
            Unit.L, List.of("l", "liter", "liters", "litre", "litres", "لتر", "لترات"),
            Unit.PERCENT, List.of("%", "percent"));

    private static final Map<Unit, List<String>> DENOMINATOR_UNITS = Map.of(
            Unit.ML, NUMERATOR_UNITS.get(Unit.ML),
            Unit.L, NUMERATOR_UNITS.get(Unit.L),
            Unit.DOSE, List.of("dose", "doses", "puff", "puffs", "actuation", "spray", "جرعة", "بخة", "بخه"));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Map<String, Unit> ALIASES = aliases(NUMERATOR_UNITS, DENOMINATOR_UNITS);

    /**
     * A number with up to three '.'/',' groups. Bounded and possessive: an unbounded group repetition makes
     * java.util.regex recurse once per group, and "1,1,1,…" pasted into the search box overflowed the stack.
     */
    private static final String NUMBER = "(\\d++(?:[.,]\\d++){0,3}+)";
    /** Numbers must not be glued to a preceding letter, digit or separator ("b12", "1.2.3"). */
    private static final String NUMBER_START = "(?<![\\p{L}\\p{N}.,])";
    /** Units must not continue into a letter ("mgx") or, for letter units, a digit. */
    private static final String UNIT_END = "(?![\\p{L}\\p{N}])";

    private static final Pattern STRENGTH = Pattern.compile(
            NUMBER_START + NUMBER
                    + "(?:\\s*/\\s*" + NUMBER + ")?"                    // combination sharing a unit: 500/125 mg
                    + "\\s*(" + alternation(NUMERATOR_UNITS) + ")"
                    + "(?:" + UNIT_END + "|(?<=%))"
                    + "(?:\\s*/\\s*" + NUMBER + "?\\s*(" + alternation(DENOMINATOR_UNITS) + ")" + UNIT_END + ")?");

    /** Integer digits above this are not strengths but e.g. registration numbers. */
    private static final int MAX_INTEGER_DIGITS = 9;

    private StrengthNormalizer() {
    }

    /** The strengths found in a text and what is left of the text without them. */
    public record Extraction(List<String> strengths, String remainder) {
        public Extraction {
            strengths = List.copyOf(strengths);
        }
    }

    /**
     * Every strength in {@code text}, canonical, in order of first appearance and without duplicates:
     * "panadol 500 mg" → [500mg]; "Augmentin 1 g" → [1000mg].
     *
     * @param text free text, may be {@code null}
     */
    public static List<String> canonicalStrengths(CharSequence text) {
        return extract(text).strengths();
    }

    /**
     * The {@linkplain TextNormalizer normalised} text with every strength expression removed and whitespace
     * collapsed: "Panadol إكسترا ٥٠٠ مجم" → "panadol اكسترا". Use it to query the name fields with what the
     * pharmacist typed minus the strength, while the strength goes to the strength field.
     *
     * @param text free text, may be {@code null}
     */
    public static String removeStrengths(CharSequence text) {
        return extract(text).remainder();
    }

    /** Both {@link #canonicalStrengths} and {@link #removeStrengths} in one scan. */
    public static Extraction extract(CharSequence text) {
        String normalized = TextNormalizer.normalize(text);
        Set<String> strengths = new LinkedHashSet<>();
        StringBuilder remainder = new StringBuilder(normalized.length());
        Matcher m = STRENGTH.matcher(normalized);
        int last = 0;
        while (m.find()) {
            List<String> found = canonical(m);
            if (found.isEmpty()) {
                continue;
            }
            strengths.addAll(found);
            remainder.append(normalized, last, m.start()).append(' ');
            last = m.end();
        }
        remainder.append(normalized, last, normalized.length());
        return new Extraction(new ArrayList<>(strengths), collapseWhitespace(remainder));
    }

    private static List<String> canonical(Matcher m) {
        Unit unit = ALIASES.get(spellingKey(m.group(3)));
        String denominator = "";
        if (m.group(5) != null && unit != Unit.PERCENT) { // "%" is already a ratio; a "/..." after it is ignored
            Unit perUnit = ALIASES.get(spellingKey(m.group(5)));
            BigDecimal perAmount = m.group(4) == null ? BigDecimal.ONE : number(m.group(4));
            if (perAmount == null) {
                return List.of();
            }
            perAmount = perAmount.multiply(BigDecimal.valueOf(perUnit.multiplier));
            denominator = "/" + (perAmount.compareTo(BigDecimal.ONE) == 0 ? "" : plain(perAmount)) + perUnit.canonical;
        }
        List<String> result = new ArrayList<>(2);
        for (String amountText : m.group(2) == null ? List.of(m.group(1)) : List.of(m.group(1), m.group(2))) {
            BigDecimal amount = number(amountText);
            if (amount == null) {
                return List.of();
            }
            result.add(plain(amount.multiply(BigDecimal.valueOf(unit.multiplier))) + unit.canonical + denominator);
        }
        return result;
    }

    /** Parses "1,000", "0,5", "2.5", "1.000.000"; {@code null} when the number is implausibly long. */
    static BigDecimal number(String text) {
        String digits;
        int commas = count(text, ',');
        int dots = count(text, '.');
        if (commas > 0 && (dots > 0 || commas > 1 || isThousandsGrouping(text, ','))) {
            digits = text.replace(",", "");                 // 1,000.5 / 1,000,000 / 1,000
        } else if (commas == 1) {
            digits = text.replace(',', '.');                // 0,5 decimal comma
        } else if (dots > 1) {
            digits = text.replace(".", "");                 // 1.000.000 European grouping
        } else {
            digits = text;
        }
        int point = digits.indexOf('.');
        if ((point < 0 ? digits.length() : point) > MAX_INTEGER_DIGITS || digits.length() > 2 * MAX_INTEGER_DIGITS) {
            return null;
        }
        return new BigDecimal(digits);
    }

    private static boolean isThousandsGrouping(String text, char separator) {
        String[] groups = text.split(Pattern.quote(String.valueOf(separator)), -1);
        if (groups[0].isEmpty() || groups[0].length() > 3 || groups[0].charAt(0) == '0') {
            return false;
        }
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return true;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static String collapseWhitespace(CharSequence text) {
        return WHITESPACE.matcher(text.toString().trim()).replaceAll(" ");
    }

    @SafeVarargs
    private static Map<String, Unit> aliases(Map<Unit, List<String>>... tables) {
        var result = new java.util.HashMap<String, Unit>();
        for (Map<Unit, List<String>> table : tables) {
            table.forEach((unit, spellings) -> spellings.forEach(s -> result.put(spellingKey(s), unit)));
        }
        return Map.copyOf(result);
    }

    /** Key under which a matched unit is looked up: normalised, inner whitespace removed. */
    private static String spellingKey(String spelling) {
        return WHITESPACE.matcher(TextNormalizer.normalize(spelling)).replaceAll("");
    }

    /** Regex alternation of all spellings, longest first so "mgs" wins over "mg" and "مللي جرام" over "مللي". */
    private static String alternation(Map<Unit, List<String>> table) {
        return table.values().stream()
                .flatMap(List::stream)
                .map(TextNormalizer::normalize)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(s -> Stream.of(s.split(" ")).map(Pattern::quote).collect(Collectors.joining("\\s*")))
                .collect(Collectors.joining("|"));
    }
}
