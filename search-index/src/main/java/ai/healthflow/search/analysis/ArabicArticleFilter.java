package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;

/**
 * For the suggestion field: emits each Arabic token as is and, when it has them, also without its article and
 * conjunction ({@link ArabicLightStemmer#stripPrefixes}) at the same position. Keeping the original matters while
 * the user is still typing: "الب" must match "البانادول" (original), "بان" must match it too (stripped).
 */
public final class ArabicArticleFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);
    private State original;
    private String stripped;

    public ArabicArticleFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (stripped != null) {
            restoreState(original);
            term.setEmpty().append(stripped);
            positionIncrement.setPositionIncrement(0);
            stripped = null;
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String text = term.toString();
        String withoutPrefixes = ArabicLightStemmer.stripPrefixes(text);
        if (withoutPrefixes.length() != text.length()) {
            original = captureState();
            stripped = withoutPrefixes;
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        original = null;
        stripped = null;
    }
}
