package ai.healthflow.report;

import java.util.Map;

/**
 * {@code POST /api/v2/reports}: which report, in which format and language, with which parameters.
 *
 * @param language {@code en} (the default) or {@code ar}
 * @param params   the report's parameters by name: strings, numbers or booleans
 */
public record ReportRequestBody(String type, String format, String language, Map<String, Object> params) {
}
