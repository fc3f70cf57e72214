package ai.healthflow.platform.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * CORS for the origins listed in {@code CORS_ALLOWED_ORIGINS}, matched exactly. An unlisted origin gets no
 * {@code Access-Control-Allow-Origin}, so the browser blocks the response; the request itself is served as usual
 * (CORS is a browser protection, authentication is what protects the data).
 */
public final class CorsFilter implements Filter {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, X-Request-Id";
    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Location";

    private final Set<String> allowedOrigins;

    public CorsFilter(List<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        var request = (HttpServletRequest) req;
        var response = (HttpServletResponse) res;
        String origin = request.getHeader("Origin");
        if (origin == null) {
            chain.doFilter(req, res);
            return;
        }
        response.addHeader("Vary", "Origin");
        boolean allowed = allowedOrigins.contains(origin);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        if (preflight) {
            // A preflight is answered here, never by a resource; an unlisted origin gets a bare 204 it cannot use.
            if (allowed) {
                response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                response.setHeader("Access-Control-Max-Age", "600");
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(req, res);
    }
}
