package ai.healthflow.batch.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whose rows a report reads. {@code tenant}: tenant-owned data; the query must filter on {@code :tenantId}, which is
 * bound to the caller's tenant for tenant-scoped callers and to null for the regulator (every tenant).
 * {@code global}: reference data that belongs to no tenant (the registry, signals); the query has no tenant clause.
 */
public enum DataScope {
    TENANT("tenant"), GLOBAL("global");

    private final String code;

    DataScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<DataScope> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
