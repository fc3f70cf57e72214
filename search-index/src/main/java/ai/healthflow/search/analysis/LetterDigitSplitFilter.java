package ai.healthflow.search.analysis;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a token where it switches between digits, Arabic letters and other letters: "بانادول500" → بانادول, 500;
 * "500mg" → 500, mg; "panadolبانادول" → panadol, بانادول. Needed because Unicode word breaking (and so
 * {@code StandardTokenizer}) keeps letters and digits of any script together in one token.
 *
 * <p>Other characters (the '.' in "2.5", the apostrophe in "panadol's") never start a split; they stay with the run
 * they are in. The parts are emitted one position apart and keep the original token's offsets, type and flags
 * (offsets cannot be split exactly because normalisation may have changed the token's length).
 * Place it after {@link TextNormalizingFilter}, so all digits are already ASCII.
 */
public final class LetterDigitSplitFilter extends TokenFilter {
    private enum Run { DIGIT, ARABIC, OTHER_LETTER }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private State original;

    public LetterDigitSplitFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(original);
            term.setEmpty().append(pending.poll());
            positionIncrement.setPositionIncrement(1);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        List<String> parts = split(term);
        if (parts.size() > 1) {
            original = captureState();
            term.setEmpty().append(parts.getFirst());
            pending.addAll(parts.subList(1, parts.size()));
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        original = null;
    }

    /** The runs of {@code text}; a single-element list when there is nothing to split. */
    static List<String> split(CharSequence text) {
        List<String> parts = new ArrayList<>(1);
        Run current = null;
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            Run run = runOf(codePoint);
            if (run != null) {
                if (current != null && run != current) {
                    parts.add(text.subSequence(start, i).toString());
                    start = i;
                }
                current = run;
            }
            i += Character.charCount(codePoint);
        }
        parts.add(text.subSequence(start, text.length()).toString());
        return parts;
    }

    private static Run runOf(int codePoint) {
        if (Character.isDigit(codePoint)) {
            return Run.DIGIT;
        }
        if (!Character.isLetter(codePoint)) {
            return null;
        }
        return Scripts.isArabicLetter(codePoint) ? Run.ARABIC : Run.OTHER_LETTER;
    }
}
