package ai.healthflow.platform.auth;

/**
 * The names under which the acting tenant and user are put into the logging context (MDC, so every JSON log
 * line of the request carries them) and into the request attributes (the JSON request log's
 * {@code requestAttributes}). Ids only: log lines never carry names, email addresses or patient identifiers.
 */
public final class LogContext {
    public static final String TENANT_ID = "tenantId";
    public static final String USER_ID = "userId";

    private LogContext() {
    }
}
