package ai.healthflow.batch.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One report, as loaded from {@code reports-templates/definitions/<id>.yml} and validated.
 *
 * @param permission the permission a caller needs: held as is, the caller sees every tenant's rows; held only in its
 *                   tenant form ({@code tenant:<permission>}), the caller's own tenant's rows
 * @param sql        the query, with named parameters ({@code :name}) and, for {@link DataScope#TENANT}, the
 *                   {@code :tenantId} clause
 * @param sort       the default order, applied around the query
 * @param source     the file the definition came from, for messages
 */
public record ReportDefinition(String id, Bilingual title, Bilingual description, String permission, DataScope scope,
                               List<ReportParameter> parameters, String sql, List<ReportColumn> columns,
                               Set<ReportFormat> formats, List<SortKey> sort, String source) {
    public ReportDefinition {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
        formats = Set.copyOf(formats);
        sort = List.copyOf(sort);
    }

    public Optional<ReportParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
