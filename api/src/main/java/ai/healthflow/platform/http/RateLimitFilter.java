package ai.healthflow.platform.http;

import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.platform.auth.BearerTokenFilter;
import ai.healthflow.platform.error.Problems;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token bucket per signed-in user (per client address for anonymous requests): {@code RATE_LIMIT_PER_MINUTE} requests a minute, refilled whole once a minute
 * (so the 101st request of a minute is refused, as clients are told, rather than trickling through). Over the
 * limit: 429 problem with {@code Retry-After}; every limited response carries the {@code RateLimit-*} headers.
 * Health and readiness probes are never limited (an orchestrator must always reach them).
 */
public final class RateLimitFilter implements Filter {
    private final int perMinute;
    private final AccessTokens tokens;
    private final ProblemWriter problems;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(200_000)
            .build();

    public RateLimitFilter(int perMinute, AccessTokens tokens, ProblemWriter problems) {
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
        Bucket bucket = buckets.get(clientKey(request), key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long resetSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForReset()));
        response.setHeader("RateLimit-Limit", Integer.toString(perMinute));
        response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", Long.toString(resetSeconds));
        if (probe.isConsumed()) {
            chain.doFilter(req, res);
            return;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
        response.setHeader("Retry-After", Long.toString(retryAfter));
        problems.write(response, Problems.forStatus(429,
                "At most " + perMinute + " requests a minute are accepted; retry in " + retryAfter + " s.",
                request.getRequestURI()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)).build())
                .build();
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
