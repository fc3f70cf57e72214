package ai.healthflow.health;

import java.util.Map;

/** One component's check: {@code up} or {@code down}, how long the check took, and what it found. */
public record ComponentStatus(String status, long latencyMs, Map<String, Object> details) {
    public static final String UP = "up";
    public static final String DOWN = "down";

    public boolean up() {
        return UP.equals(status);
    }
}
