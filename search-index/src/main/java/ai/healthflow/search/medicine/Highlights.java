package ai.healthflow.search.medicine;

import ai.healthflow.search.analysis.TextNormalizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks the words of a hit's names that the query matched (a typed word is a prefix of the normalised word, or a
 * synonym), with {@code <em>…</em>}. Typo and sound-alike matches are not marked: they are guesses.
 */
final class Highlights {
    private Highlights() {
    }

    static Map<String, String> of(MedicineDocument m, List<String> words, Synonyms synonyms) {
        Map<String, String> out = new LinkedHashMap<>();
        mark(out, "tradeNameEn", m.tradeNameEn(), words, synonyms);
        mark(out, "tradeNameAr", m.tradeNameAr(), words, synonyms);
        mark(out, "genericNameEn", m.genericNameEn(), words, synonyms);
        mark(out, "genericNameAr", m.genericNameAr(), words, synonyms);
        return out;
    }

    private static void mark(Map<String, String> out, String field, String text, List<String> words, Synonyms synonyms) {
        if (text == null || words.isEmpty()) {
            return;
        }
        StringBuilder marked = new StringBuilder();
        boolean any = false;
        for (String token : text.split("(?<=\\s)|(?=\\s)")) {
            String normalized = TextNormalizer.normalize(token).strip();
            String bare = normalized.startsWith("ال") && normalized.length() > 4 ? normalized.substring(2) : normalized;
            boolean hit = !normalized.isEmpty() && words.stream().anyMatch(w ->
                    normalized.startsWith(w) || bare.startsWith(w) || synonyms.of(w).contains(normalized));
            if (hit) {
                marked.append("<em>").append(escape(token)).append("</em>");
                any = true;
            } else {
                marked.append(escape(token));
            }
        }
        if (any) {
            out.put(field, marked.toString());
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
