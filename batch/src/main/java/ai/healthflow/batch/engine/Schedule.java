package ai.healthflow.batch.engine;

import org.springframework.scheduling.support.CronExpression;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A job fired by a cron expression (Spring's six fields: second minute hour day-of-month month day-of-week, e.g.
 * {@code 0 30 1 * * *} for 01:30 every day) in a time zone, with fixed parameters.
 */
public record Schedule(String job, CronExpression cron, ZoneId zone, Map<String, String> parameters) {
    public Schedule {
        parameters = Map.copyOf(parameters);
    }

    /** @throws IllegalArgumentException naming the expression when it is not a valid cron expression */
    public static Schedule of(String job, String cron, String zone, Map<String, String> parameters) {
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("batch schedule of '" + job + "': '" + cron
                    + "' is not a cron expression (six fields: second minute hour day month weekday): " + e.getMessage());
        }
        return new Schedule(job, expression, ZoneId.of(zone == null ? "UTC" : zone),
                parameters == null ? Map.of() : parameters);
    }

    /** The first firing strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        var next = cron.next(after.atZone(zone));
        return next == null ? Instant.MAX : next.toInstant();
    }
}
