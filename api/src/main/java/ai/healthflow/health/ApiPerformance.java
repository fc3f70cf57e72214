package ai.healthflow.health;

import ai.healthflow.platform.http.RequestMetricsFilter;
import com.codahale.metrics.Snapshot;

import java.util.concurrent.TimeUnit;

/**
 * {@code checks.api_performance}: the service's own request metrics, over the last minute for rates and over the
 * timer's recent reservoir for latencies.
 */
public record ApiPerformance(double requestsPerSecond, double averageResponseMs, double p95ResponseMs,
                             double errorRate, long totalRequests) {

    public static ApiPerformance of(RequestMetricsFilter metrics) {
        var requests = metrics.requests();
        Snapshot snapshot = requests.getSnapshot();
        double rate = requests.getOneMinuteRate();
        double errors = metrics.serverErrors().getOneMinuteRate();
        return new ApiPerformance(
                round(rate),
                round(toMillis(snapshot.getMean())),
                round(toMillis(snapshot.get95thPercentile())),
                rate > 0 ? round(Math.min(1.0, errors / rate)) : 0.0,
                requests.getCount());
    }

    private static double toMillis(double nanos) {
        return nanos / TimeUnit.MILLISECONDS.toNanos(1);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
