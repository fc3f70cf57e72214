package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * Keeps Latin words only (letters a–z after {@link TextNormalizer}, other letters and digits excluded) and replaces
 * each by its {@link LatinSkeleton}. Arabic words, numbers and anything else are dropped, leaving a position gap.
 */
public final class LatinSkeletonFilter extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    public LatinSkeletonFilter(TokenStream input) {
        super(input);
    }

    @Override
    protected boolean accept() throws IOException {
        if (!Scripts.isLatinWord(term, term.length())) {
            return false;
        }
        String skeleton = LatinSkeleton.of(term);
        term.setEmpty().append(skeleton); // rewriting in accept() is safe: the token is emitted right after
        return true;
    }
}
