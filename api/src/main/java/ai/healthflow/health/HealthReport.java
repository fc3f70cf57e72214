package ai.healthflow.health;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * Body of {@code /health}; the detailed variants add {@code uptimeSeconds}, {@code components} and {@code checks}.
 *
 * @param status   {@code healthy} when the database answers and the search index is open, else {@code unhealthy}
 * @param database {@code connected} or {@code disconnected}
 * @param search   {@code ready} or {@code unavailable}
 * @param batch    {@code ready} (job repository readable) or {@code unavailable}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, Instant timestamp, String version, String database, String search,
                           String batch, Long uptimeSeconds, Map<String, ComponentStatus> components,
                           Map<String, Object> checks) {

    public boolean healthy() {
        return "healthy".equals(status);
    }
}
