package ai.healthflow.batch.report;

import java.util.List;

/**
 * One parameter a report accepts.
 *
 * @param defaultValue the value used when the request gives none, as written in the definition (dates may be
 *                     relative: {@code today}, {@code today-30d}, {@code today-3m}, {@code today-1y}); null for none
 * @param values       the allowed values of an {@code enum} parameter; empty otherwise
 * @param label        how the cover sheet and the PDF name it
 */
public record ReportParameter(String name, ParameterType type, boolean required, String defaultValue,
                              List<String> values, Bilingual label) {
    public ReportParameter {
        values = List.copyOf(values);
    }
}
