package ai.healthflow.medicine.importing;

import java.util.Map;

/**
 * One data row of an import file.
 *
 * @param line   the row's number in the file as a spreadsheet user sees it (the header is line 1)
 * @param values cell text by column name; absent or empty cells are missing from the map
 */
public record ImportRow(int line, Map<String, String> values) {
    public String get(String column) {
        String value = values.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
