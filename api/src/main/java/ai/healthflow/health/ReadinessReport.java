package ai.healthflow.health;

import java.time.Instant;
import java.util.List;

/** Body of {@code /ready}: ready only when the database answers, migrations are current and search is open. */
public record ReadinessReport(String status, Instant timestamp, List<String> reasons) {
    public boolean ready() {
        return reasons.isEmpty();
    }
}
