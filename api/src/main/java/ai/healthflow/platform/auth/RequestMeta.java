package ai.healthflow.platform.auth;

import ai.healthflow.platform.http.RequestIds;
import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, as recorded in the audit trail. */
public record RequestMeta(String requestId, String ip, String userAgent) {
    private static final int MAX_USER_AGENT = 256;

    public static RequestMeta of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        return new RequestMeta(id == null ? null : id.toString(), request.getRemoteAddr(), agent);
    }

    /** For work that no HTTP request started (commands, schedules, bootstrap). */
    public static RequestMeta system(String source) {
        return new RequestMeta(null, null, source);
    }
}
