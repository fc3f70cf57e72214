package ai.healthflow.batch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one definition file and checks it field by field: every problem is reported with the file and the field
 * ({@code recalls.yml: columns[2].type: must be one of text, integer, …}), all at once.
 */
final class ReportDefinitionParser {
    static final String TENANT_PARAMETER = "tenantId";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
    private static final Pattern FIELD = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern PERMISSION = Pattern.compile("[a-z_]+:[a-z_*]+");
    private static final Set<String> TOP = Set.of("id", "title", "description", "permission", "scope", "parameters",
            "source", "columns", "formats", "sort");
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "type", "required", "default", "values", "label");
    private static final Set<String> COLUMN_KEYS = Set.of("field", "type", "header", "width", "labels");
    static final int DEFAULT_WIDTH = 14;

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private ReportDefinitionParser(String file) {
        this.file = file;
    }

    /** @return the definition, or null with the problems added to {@code problems} */
    static ReportDefinition parse(String file, String yaml, List<String> problems) {
        var parser = new ReportDefinitionParser(file);
        ReportDefinition definition = parser.parse(yaml);
        problems.addAll(parser.problems);
        return parser.problems.isEmpty() ? definition : null;
    }

    private ReportDefinition parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            problem("(file)", "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
            return null;
        }
        if (root == null || !root.isObject()) {
            problem("(file)", "must be a mapping with id, title, permission, scope, source, columns and formats");
            return null;
        }
        unknownKeys(root, TOP, "");

        String id = text(root, "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            problem("id", "must be lower-case words joined by hyphens, e.g. medicine-registry");
        }
        String expectedId = file.replaceFirst("\\.ya?ml$", "");
        if (id != null && !id.equals(expectedId)) {
            problem("id", "must be the file name without .yml ('" + expectedId + "')");
        }
        Bilingual title = bilingual(root, "title", true);
        Bilingual description = bilingual(root, "description", false);
        String permission = text(root, "permission", true);
        if (permission != null && !PERMISSION.matcher(permission).matches()) {
            problem("permission", "must be resource:action, e.g. reports:read");
        }
        String scopeText = text(root, "scope", true);
        DataScope scope = null;
        if (scopeText != null) {
            scope = DataScope.parse(scopeText).orElse(null);
            if (scope == null) {
                problem("scope", "must be tenant (tenant-owned rows, filtered on :tenantId) or global (reference data)");
            }
        }
        List<ReportParameter> parameters = parameters(root.get("parameters"));
        String sql = sql(root.get("source"));
        List<ReportColumn> columns = columns(root.get("columns"));
        Set<ReportFormat> formats = formats(root.get("formats"));
        List<SortKey> sort = sort(root.get("sort"), columns);
        if (sql != null) {
            checkSqlParameters(sql, parameters, scope);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new ReportDefinition(id, title, description, permission, scope, parameters, sql, columns, formats, sort,
                file);
    }

    private List<ReportParameter> parameters(JsonNode node) {
        List<ReportParameter> parameters = new ArrayList<>();
        if (node == null || node.isNull()) {
            return parameters;
        }
        if (!node.isArray()) {
            problem("parameters", "must be a list");
            return parameters;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "parameters[" + i + "]";
            JsonNode p = node.get(i);
            if (!p.isObject()) {
                problem(path, "must be a mapping with name and type");
                continue;
            }
            unknownKeys(p, PARAMETER_KEYS, path + ".");
            String name = text(p, "name", true, path + ".name");
            if (name != null && !NAME.matcher(name).matches()) {
                problem(path + ".name", "must be a camelCase word starting with a lower-case letter");
            } else if (name != null && name.equals(TENANT_PARAMETER)) {
                problem(path + ".name", "tenantId is bound by the service from the caller's tenant, never by a request");
            } else if (name != null && !names.add(name)) {
                problem(path + ".name", "'" + name + "' is declared twice");
            }
            String typeText = text(p, "type", true, path + ".type");
            ParameterType type = null;
            if (typeText != null) {
                type = ParameterType.parse(typeText).orElse(null);
                if (type == null) {
                    problem(path + ".type", "must be one of " + codes(ParameterType.values()));
                }
            }
            boolean required = bool(p, "required", path + ".required");
            List<String> values = new ArrayList<>();
            JsonNode valuesNode = p.get("values");
            if (valuesNode != null) {
                if (type != ParameterType.ENUM) {
                    problem(path + ".values", "only an enum parameter has values");
                } else if (!valuesNode.isArray() || valuesNode.isEmpty()) {
                    problem(path + ".values", "must be a non-empty list");
                } else {
                    valuesNode.forEach(v -> values.add(v.asText()));
                }
            } else if (type == ParameterType.ENUM) {
                problem(path + ".values", "an enum parameter needs its list of values");
            }
            String defaultValue = null;
            JsonNode defaultNode = p.get("default");
            if (defaultNode != null && !defaultNode.isNull()) {
                defaultValue = defaultNode.asText();
                if (type != null) {
                    String error = ParameterValues.check(type, values, defaultValue);
                    if (error != null) {
                        problem(path + ".default", error);
                    }
                }
            }
            Bilingual label = bilingual(p, "label", false, path + ".label");
            if (label == null && name != null) {
                label = new Bilingual(name, name);
            }
            if (name != null && type != null) {
                parameters.add(new ReportParameter(name, type, required, defaultValue, values, label));
            }
        }
        return parameters;
    }

    private String sql(JsonNode source) {
        if (source == null || !source.isObject()) {
            problem("source", "is required: a mapping with sql");
            return null;
        }
        unknownKeys(source, Set.of("sql"), "source.");
        String sql = text(source, "sql", true, "source.sql");
        if (sql == null) {
            return null;
        }
        sql = sql.strip();
        if (sql.endsWith(";")) {
            problem("source.sql", "must be one statement without a trailing semicolon (it is wrapped to apply the sort)");
        }
        return sql;
    }

    private void checkSqlParameters(String sql, List<ReportParameter> parameters, DataScope scope) {
        Set<String> used;
        try {
            used = NamedSql.parse(sql).names();
        } catch (IllegalArgumentException e) {
            problem("source.sql", e.getMessage());
            return;
        }
        Set<String> declared = new HashSet<>();
        parameters.forEach(p -> declared.add(p.name()));
        for (String name : used) {
            if (!name.equals(TENANT_PARAMETER) && !declared.contains(name)) {
                problem("source.sql", "uses :" + name + ", which is not among the parameters");
            }
        }
        for (String name : declared) {
            if (!used.contains(name)) {
                problem("parameters", "'" + name + "' is never used in source.sql");
            }
        }
        if (scope == DataScope.TENANT && !used.contains(TENANT_PARAMETER)) {
            problem("source.sql", "a tenant-scoped report must filter on :tenantId, e.g. "
                    + "(CAST(:tenantId AS uuid) IS NULL OR x.tenant_id = CAST(:tenantId AS uuid))");
        }
        if (scope == DataScope.GLOBAL && used.contains(TENANT_PARAMETER)) {
            problem("source.sql", "uses :tenantId but the report's scope is global; make it scope: tenant");
        }
    }

    private List<ReportColumn> columns(JsonNode node) {
        List<ReportColumn> columns = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem("columns", "is required: a non-empty list");
            return columns;
        }
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "columns[" + i + "]";
            JsonNode c = node.get(i);
            if (!c.isObject()) {
                problem(path, "must be a mapping with field, type and header");
                continue;
            }
            unknownKeys(c, COLUMN_KEYS, path + ".");
            String field = text(c, "field", true, path + ".field");
            if (field != null && !FIELD.matcher(field).matches()) {
                problem(path + ".field", "must be a lower-case SQL column name (letters, digits, _)");
            } else if (field != null && !fields.add(field)) {
                problem(path + ".field", "'" + field + "' appears twice");
            }
            String typeText = text(c, "type", true, path + ".type");
            ColumnType type = null;
            if (typeText != null) {
                type = ColumnType.parse(typeText).orElse(null);
                if (type == null) {
                    problem(path + ".type", "must be one of " + codes(ColumnType.values()));
                }
            }
            Bilingual header = bilingual(c, "header", true, path + ".header");
            int width = DEFAULT_WIDTH;
            JsonNode widthNode = c.get("width");
            if (widthNode != null) {
                if (!widthNode.canConvertToInt() || !widthNode.isIntegralNumber()
                        || widthNode.asInt() < 3 || widthNode.asInt() > 100) {
                    problem(path + ".width", "must be a whole number of characters from 3 to 100");
                } else {
                    width = widthNode.asInt();
                }
            }
            Map<String, Bilingual> labels = new LinkedHashMap<>();
            JsonNode labelsNode = c.get("labels");
            if (labelsNode != null) {
                if (!labelsNode.isObject()) {
                    problem(path + ".labels", "must map each value to {en, ar}");
                } else {
                    labelsNode.properties().forEach(e -> {
                        Bilingual label = bilingual(labelsNode, e.getKey(), true, path + ".labels." + e.getKey());
                        if (label != null) {
                            labels.put(e.getKey(), label);
                        }
                    });
                }
            }
            if (field != null && type != null && header != null) {
                columns.add(new ReportColumn(field, type, header, width, labels));
            }
        }
        return columns;
    }

    private Set<ReportFormat> formats(JsonNode node) {
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem("formats", "is required: a list of " + codes(ReportFormat.values()));
            return formats;
        }
        for (int i = 0; i < node.size(); i++) {
            String code = node.get(i).asText();
            ReportFormat format = ReportFormat.parse(code).orElse(null);
            if (format == null) {
                problem("formats[" + i + "]", "'" + code + "' must be one of " + codes(ReportFormat.values()));
            } else {
                formats.add(format);
            }
        }
        return formats;
    }

    private List<SortKey> sort(JsonNode node, List<ReportColumn> columns) {
        List<SortKey> keys = new ArrayList<>();
        if (node == null || node.isNull()) {
            return keys;
        }
        List<String> parts = new ArrayList<>();
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                parts.add(part.strip());
            }
        } else if (node.isArray()) {
            node.forEach(p -> parts.add(p.asText().strip()));
        } else {
            problem("sort", "must be 'field [asc|desc], …' or a list of such");
            return keys;
        }
        Set<String> fields = new HashSet<>();
        columns.forEach(c -> fields.add(c.field()));
        for (String part : parts) {
            String[] words = part.split("\\s+");
            boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
            boolean valid = words.length == 1 || (words.length == 2 && (descending || words[1].equalsIgnoreCase("asc")));
            if (!valid) {
                problem("sort", "'" + part + "' must be a column field, optionally followed by asc or desc");
            } else if (!fields.contains(words[0])) {
                problem("sort", "'" + words[0] + "' is not one of the columns' fields");
            } else {
                keys.add(new SortKey(words[0], descending));
            }
        }
        return keys;
    }

    private Bilingual bilingual(JsonNode parent, String key, boolean required) {
        return bilingual(parent, key, required, key);
    }

    private Bilingual bilingual(JsonNode parent, String key, boolean required, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                problem(path, "is required: {en: …, ar: …}");
            }
            return null;
        }
        if (!node.isObject()) {
            problem(path, "must be {en: …, ar: …}");
            return null;
        }
        unknownKeys(node, Set.of("en", "ar"), path + ".");
        String en = text(node, "en", true, path + ".en");
        String ar = text(node, "ar", true, path + ".ar");
        if (ar != null && ar.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC)) {
            problem(path + ".ar", "must be written in Arabic");
        }
        return en == null || ar == null ? null : new Bilingual(en, ar);
    }

    private String text(JsonNode parent, String key, boolean required) {
        return text(parent, key, required, key);
    }

    private String text(JsonNode parent, String key, boolean required, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull() || (node.isValueNode() && node.asText().isBlank())) {
            if (required) {
                problem(path, "is required");
            }
            return null;
        }
        if (!node.isValueNode()) {
            problem(path, "must be a single value");
            return null;
        }
        return node.asText();
    }

    private boolean bool(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problem(path, "must be true or false");
            return false;
        }
        return node.asBoolean();
    }

    private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problem(prefix + key, "is not a known field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
    }

    private void problem(String field, String message) {
        problems.add(file + ": " + field + ": " + message);
    }

    private static String codes(Enum<?>[] values) {
        List<String> codes = new ArrayList<>();
        for (Enum<?> value : values) {
            codes.add(value.name().toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(", ", codes);
    }
}
