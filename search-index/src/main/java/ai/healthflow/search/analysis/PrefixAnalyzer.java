package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers for search-as-you-type suggestions in either script. Index the field with {@link #forIndexing()},
 * query it with {@link #forQuerying()}, e.g. with a {@code PerFieldAnalyzerWrapper} per side.
 *
 * <p>Index side: normalised words (as in {@link MedicineAnalyzer}, without stemming: what the user types is a
 * prefix of the written word, not of its stem) → {@link ArabicArticleFilter} (البانادول is indexed as البانادول
 * and بانادول) → {@link EdgeNGramTokenFilter} from {@value #MIN_GRAM} to {@value #MAX_GRAM} chars, keeping
 * longer words whole. "Panadol" → p, pa, pan, … panadol.
 *
 * <p>Query side: the same normalisation, no n-grams and no article stripping (the index already has both forms),
 * so every typed word must be a prefix of some indexed word: "باناد ٥٠" → باناد, 50. A typed word longer than
 * {@value #MAX_GRAM} chars only matches a whole word of exactly that spelling.
 *
 * <p>{@link #normalize(String, TokenStream)} is the character normalisation for both sides.
 */
public final class PrefixAnalyzer extends Analyzer {
    /** Shortest indexed prefix. 1, so the service (not the index) decides after how many letters to suggest. */
    public static final int MIN_GRAM = 1;
    /** Longest indexed prefix; long enough for "سيبروفلوكساسين" and "hydrochlorothiazide". */
    public static final int MAX_GRAM = 20;

    private final boolean indexing;

    private PrefixAnalyzer(boolean indexing) {
        this.indexing = indexing;
    }

    /** Edge n-grams of normalised words; for documents. */
    public static PrefixAnalyzer forIndexing() {
        return new PrefixAnalyzer(true);
    }

    /** Normalised words, no n-grams; for what the user typed. */
    public static PrefixAnalyzer forQuerying() {
        return new PrefixAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = MedicineAnalyzer.normalizedTokens(source);
        if (indexing) {
            result = new ArabicArticleFilter(result);
            result = new EdgeNGramTokenFilter(result, MIN_GRAM, MAX_GRAM, true);
        }
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new TextNormalizingFilter(in);
    }

    @Override
    public String toString() {
        return "PrefixAnalyzer(" + (indexing ? "indexing" : "querying") + ")";
    }
}
