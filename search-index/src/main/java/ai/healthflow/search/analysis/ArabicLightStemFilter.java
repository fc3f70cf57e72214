package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

import java.io.IOException;

/**
 * Applies {@link ArabicLightStemmer#stem} to Arabic tokens; other tokens pass through. Tokens marked as keywords
 * (e.g. by {@code SetKeywordMarkerFilter}) are left alone. Expects {@link TextNormalizingFilter} before it.
 */
public final class ArabicLightStemFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    public ArabicLightStemFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (!keyword.isKeyword()) {
            String text = term.toString();
            String stem = ArabicLightStemmer.stem(text);
            if (stem.length() != text.length()) { // the stemmer only ever removes affixes
                term.setEmpty().append(stem);
            }
        }
        return true;
    }
}
