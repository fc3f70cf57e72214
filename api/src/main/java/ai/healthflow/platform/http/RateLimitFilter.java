package ai.healthflow.platform.http;

import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.BearerTokenFilter;
import ai.healthflow.platform.error.Problems;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A budget per signed-in user (per client address for anonymous requests): {@code RATE_LIMIT_PER_MINUTE} requests a
 * minute, refilled whole once a minute (so the 101st request of a minute is refused, as clients are told, rather than
 * trickling through), counted in PostgreSQL so that it holds across replicas ({@link RateLimiter}). Over the
 * limit: 429 problem with {@code Retry-After}; every limited response carries the {@code RateLimit-*} headers.
 * Health and readiness probes are never limited (an orchestrator must always reach them).
 */
public final class RateLimitFilter implements Filter {
    private final int perMinute;
    private final AccessTokens tokens;
    private final ProblemWriter problems;
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter, int perMinute, AccessTokens tokens, ProblemWriter problems) {
        this.limiter = limiter;
        this.perMinute = perMinute;
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        var request = (HttpServletRequest) req;
        var response = (HttpServletResponse) res;
        if (isProbe(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        RateLimiter.Decision decision = limiter.tryAcquire("api:" + clientKey(request), perMinute);
        response.setHeader("RateLimit-Limit", Integer.toString(perMinute));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            chain.doFilter(req, res);
            return;
        }
        long retryAfter = decision.retryAfterSeconds();
        response.setHeader("Retry-After", Long.toString(retryAfter));
        problems.write(response, Problems.forStatus(429,
                "At most " + perMinute + " requests a minute are accepted; retry in " + retryAfter + " s.",
                request.getRequestURI()));
    }

    /**
     * The signed-in user when the request carries a valid token (a signature check, no database), so users behind
     * one address do not share a budget; the address otherwise.
     */
    private String clientKey(HttpServletRequest request) {
        String token = BearerTokenFilter.token(request.getHeader("Authorization"));
        if (token != null) {
            var claims = tokens.verify(token);
            if (claims.isPresent()) {
                return "user:" + claims.get().userId();
            }
        }
        return "ip:" + request.getRemoteAddr();
    }

    static boolean isProbe(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/ready") || path.equals("/live");
    }
}
