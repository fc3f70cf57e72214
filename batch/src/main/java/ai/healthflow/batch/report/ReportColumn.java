package ai.healthflow.batch.report;

import java.util.Map;

/**
 * One column of a report.
 *
 * @param field  the query's column name
 * @param width  in characters (XLSX column width; PDF relative width)
 * @param labels display labels of known values (e.g. a status code), per language; values without a label are
 *               shown as they are
 */
public record ReportColumn(String field, ColumnType type, Bilingual header, int width, Map<String, Bilingual> labels) {
    public ReportColumn {
        labels = Map.copyOf(labels);
    }

    /** The value's label in the language, or the value itself. */
    public String label(String value, ReportLanguage language) {
        Bilingual label = labels.get(value);
        return label == null ? value : label.in(language);
    }
}
