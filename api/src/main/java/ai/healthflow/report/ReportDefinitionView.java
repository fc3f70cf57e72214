package ai.healthflow.report;

import java.util.List;
import java.util.Map;

/**
 * A report the caller may request.
 *
 * @param dataScope what the caller would get: {@code all} tenants' rows or its {@code tenant}'s
 */
public record ReportDefinitionView(String id, Map<String, String> title, Map<String, String> description,
                                   List<String> formats, String dataScope, List<Parameter> parameters,
                                   List<Column> columns) {

    public record Parameter(String name, String type, boolean required, String defaultValue, List<String> values,
                            Map<String, String> label) {
    }

    public record Column(String field, String type, Map<String, String> header) {
    }
}
