package ai.healthflow.batch.report;

import java.util.Map;

/**
 * One column of a report.
 *
 * @param field  the query's column name
 * @param width  in characters (XLSX column width; PDF relative width)
 * @param labels display labels of known values (e.g. a status code), per language; values without a label are
 *               shown as they are. A text the query joined from several codes with {@code ", "} (a case's
 *               seriousness criteria) has each code labelled, joined with the language's comma.
 */
public record ReportColumn(String field, ColumnType type, Bilingual header, int width, Map<String, Bilingual> labels) {
    public ReportColumn {
        labels = Map.copyOf(labels);
    }

    private static final String LIST_SEPARATOR = ", ";

    /** The value's label in the language, or the value itself; each code of a joined list labelled. */
    public String label(String value, ReportLanguage language) {
        Bilingual label = labels.get(value);
        if (label != null) {
            return label.in(language);
        }
        if (!value.contains(LIST_SEPARATOR)) {
            return value;
        }
        String[] codes = value.split(LIST_SEPARATOR, -1);
        for (int i = 0; i < codes.length; i++) {
            Bilingual code = labels.get(codes[i]);
            codes[i] = code == null ? codes[i] : code.in(language);
        }
        return String.join(language == ReportLanguage.AR ? "، " : LIST_SEPARATOR, codes);
    }
}
