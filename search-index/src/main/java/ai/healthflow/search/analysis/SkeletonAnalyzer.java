package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * The analyzer for the sound-alike field: Latin words only, each replaced by its {@link LatinSkeleton}.
 * "Panadol", "Banadol" and "panadole" → bndl; "Voltaren 50mg" → fltrn, mg (numbers and Arabic words are dropped;
 * a Latin unit is a Latin word like any other and stays).
 *
 * <p>Chain: {@link StandardTokenizer} → {@link TextNormalizingFilter} → drop empty → {@link LetterDigitSplitFilter}
 * (so "panadol500" still yields panadol) → {@link LatinSkeletonFilter}. No stemming, on purpose: for any single
 * Latin word w the analyzer emits exactly {@code LatinSkeleton.of(w)}, so query code may build skeleton terms with
 * {@link LatinSkeleton#of} directly and still meet the index. {@link #normalize(String, TokenStream)} maps a term to
 * its skeleton the same way (non-Latin terms normalise to the empty string).
 */
public final class SkeletonAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream result = MedicineAnalyzer.normalizedTokens(source);
        result = new LatinSkeletonFilter(result);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new SkeletonTermFilter(in);
    }

    /** One term in, its skeleton out (empty if it has no Latin letters); never drops a token. */
    private static final class SkeletonTermFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        SkeletonTermFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            String skeleton = LatinSkeleton.of(term);
            term.setEmpty().append(skeleton);
            return true;
        }
    }
}
