package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer for medicine names and free text in Arabic and English, used at index and at query time.
 * "Panadol Extra 500mg Tablets" → panadol, extra, 500, mg, tablet; "الباراسيتامول" and "باراسيتامول" →
 * باراسيتامول; "أموكسيسيلين" and "اموكسيسيلين" → اموكسيسيل; "٥٠٠" → 500.
 *
 * <p>Chain, in this order, and why:
 * <ol>
 *   <li>{@link StandardTokenizer}: Unicode word breaking; keeps tashkeel and tatweel inside the word and digits of
 *       any script together, and splits on spaces, '/', '-' and punctuation.</li>
 *   <li>{@link TextNormalizingFilter}: all character normalisation ({@link TextNormalizer}) before anything looks at
 *       the letters, so the later filters see one spelling (أ/إ/آ → ا, ة → ه, ٥ → 5, lowercase, no accents).</li>
 *   <li>{@link LengthFilter} (≥ 1 char): drops tokens that were only tatweel or marks.</li>
 *   <li>{@link LetterDigitSplitFilter}: "بانادول500" → بانادول, 500 and "500mg" → 500, mg; after normalisation, so
 *       Arabic-Indic digits are recognised too.</li>
 *   <li>optional {@link SetKeywordMarkerFilter}: protected terms (in normalised form) skip both stemmers.</li>
 *   <li>{@link ArabicLightStemFilter}: article, conjunction and light suffixes; touches Arabic tokens only.</li>
 *   <li>{@link EnglishPossessiveFilter} then {@link EnglishMinimalStemFilter}: "panadol's" → panadol, "tablets" →
 *       tablet. Possessive first, otherwise the plural stemmer would see "'s". Both only act on a trailing
 *       s, so Arabic tokens pass through untouched.</li>
 * </ol>
 * Strengths are split into number and unit here ("500", "mg"); match them exactly through
 * {@link StrengthNormalizer} in a separate field, and query the name field with
 * {@link StrengthNormalizer#removeStrengths}.
 *
 * <p>{@link #normalize(String, TokenStream)} applies only {@link TextNormalizingFilter}: Lucene uses it for prefix,
 * wildcard, fuzzy and range terms, which must be normalised like indexed text but can't be stemmed (a prefix of a
 * word has no stem). For a fuzzy query on this field, run the typed word through {@link #tokenStream} instead, so
 * that "الباراسيتمول" is compared with stemmed terms after its article is gone.
 */
public final class MedicineAnalyzer extends Analyzer {
    private final CharArraySet protectedTerms;

    /** An analyzer that stems every word. */
    public MedicineAnalyzer() {
        this(CharArraySet.EMPTY_SET);
    }

    /**
     * @param protectedTerms terms never stemmed, e.g. brand names the light stemmer would cut; must be given in
     *                       {@link TextNormalizer normalised} form (lowercase, ا for أ, …). Copied.
     */
    public MedicineAnalyzer(CharArraySet protectedTerms) {
        this.protectedTerms = CharArraySet.unmodifiableSet(CharArraySet.copy(protectedTerms));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = normalizedTokens(source);
        if (!protectedTerms.isEmpty()) {
            result = new SetKeywordMarkerFilter(result, protectedTerms);
        }
        result = new ArabicLightStemFilter(result);
        result = new EnglishPossessiveFilter(result);
        result = new EnglishMinimalStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new TextNormalizingFilter(in);
    }

    /** Steps 2–4 of the chain, shared by the other analyzers of this package. */
    static TokenStream normalizedTokens(TokenStream source) {
        TokenStream result = new TextNormalizingFilter(source);
        result = new LengthFilter(result, 1, Integer.MAX_VALUE);
        return new LetterDigitSplitFilter(result);
    }
}
