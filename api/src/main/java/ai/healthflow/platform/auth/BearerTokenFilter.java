package ai.healthflow.platform.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import org.slf4j.MDC;

/**
 * Reads the access token from {@code Authorization: Bearer …} only. Dropwizard's OAuth filter also accepts an
 * {@code access_token} query parameter, which would put tokens into proxy logs and browser history.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<BearerTokenFilter.Credentials, Caller> {
    static final String SCHEME = "Bearer";

    /** The token and where it came from (so a forged token can be audited with its source). */
    public record Credentials(String token, RequestMeta request) {
    }

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        Credentials credentials = token == null ? null : new Credentials(token, RequestMeta.of(servletRequest));
        if (!authenticate(request, credentials, SCHEME)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            // who is acting, on every log line of the request and in the request log (ids only: no names, no
            // email addresses, no patient data); RequestIdFilter clears them when the request ends
            MDC.put(LogContext.TENANT_ID, String.valueOf(caller.tenantId()));
            MDC.put(LogContext.USER_ID, String.valueOf(caller.userId()));
            servletRequest.setAttribute(LogContext.TENANT_ID, String.valueOf(caller.tenantId()));
            servletRequest.setAttribute(LogContext.USER_ID, String.valueOf(caller.userId()));
        }
    }

    /** The token of a {@code Bearer} header, or null for anything else. */
    public static String token(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !header.substring(0, space).equalsIgnoreCase(SCHEME)) {
            return null;
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }

    public static final class Builder extends AuthFilterBuilder<Credentials, Caller, BearerTokenFilter> {
        @Override
        protected BearerTokenFilter newInstance() {
            return new BearerTokenFilter();
        }
    }
}
