package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * Applies {@link TextNormalizer} to every token. One token in, one token out (possibly empty), so it is also safe in
 * {@code Analyzer.normalize}, which requires exactly one token; index chains should drop empty tokens after it.
 */
public final class TextNormalizingFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    public TextNormalizingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String normalized = TextNormalizer.normalize(term);
        if (!normalized.contentEquals(term)) {
            term.setEmpty().append(normalized);
        }
        return true;
    }
}
