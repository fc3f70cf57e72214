package ai.healthflow.platform.http;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The service's own view of its traffic (rate, latency, 5xx), read back by {@code /health/detailed}. Exported on
 * the admin port's Prometheus endpoint like every other metric.
 */
public final class RequestMetricsFilter implements Filter {
    public static final String REQUESTS = "healthflow.http.requests";
    public static final String SERVER_ERRORS = "healthflow.http.server-errors";

    private final Timer requests;
    private final Meter serverErrors;

    public RequestMetricsFilter(MetricRegistry metrics) {
        this.requests = metrics.timer(REQUESTS);
        this.serverErrors = metrics.meter(SERVER_ERRORS);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        try (Timer.Context ignored = requests.time()) {
            chain.doFilter(req, res);
            if (((HttpServletResponse) res).getStatus() >= 500) {
                serverErrors.mark();
            }
        } catch (IOException | ServletException | RuntimeException | Error e) {
            serverErrors.mark(); // escaped every mapper: Jetty answers 500
            throw e;
        }
    }

    public Timer requests() {
        return requests;
    }

    public Meter serverErrors() {
        return serverErrors;
    }
}
