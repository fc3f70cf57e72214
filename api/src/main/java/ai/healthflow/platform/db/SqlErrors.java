package ai.healthflow.platform.db;

import java.sql.SQLException;

/** Recognises PostgreSQL errors that a service turns into a domain answer instead of a 500. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** SQLSTATE 23505: a unique index refused the row. */
    public static boolean isUniqueViolation(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
