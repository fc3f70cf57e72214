package ai.healthflow.search.analysis;

/** Script tests shared by the filters. "Arabic" means a letter in the Arabic block U+0600–U+06FF. */
final class Scripts {
    private Scripts() {
    }

    static boolean isArabicLetter(int codePoint) {
        return codePoint >= 0x0600 && codePoint <= 0x06FF && Character.isLetter(codePoint);
    }

    /**
     * True when every letter or digit of the term is an ASCII letter a–z and there is at least one, i.e. a Latin word
     * after {@link TextNormalizer}; other chars (the apostrophe of "panadol's") are allowed.
     */
    static boolean isLatinWord(CharSequence term, int length) {
        boolean hasLetter = false;
        for (int i = 0; i < length; i++) {
            char c = term.charAt(i);
            if (c >= 'a' && c <= 'z') {
                hasLetter = true;
            } else if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return hasLetter;
    }
}
