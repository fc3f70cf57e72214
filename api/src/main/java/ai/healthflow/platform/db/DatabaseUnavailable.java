package ai.healthflow.platform.db;

import ai.healthflow.platform.error.ApiException;

/** PostgreSQL does not answer; the client should retry later. */
public final class DatabaseUnavailable extends ApiException {
    public DatabaseUnavailable() {
        super(503, "unavailable", "Service unavailable", "The database is not reachable right now; retry shortly.");
    }
}
