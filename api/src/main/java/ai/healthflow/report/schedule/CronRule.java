package ai.healthflow.report.schedule;

import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A schedule's cron expression in its zone. Reports are heavy and emailed: an expression that would fire more often
 * than {@link #MIN_GAP} (checked over its next firings) is refused rather than throttled later.
 */
record CronRule(CronExpression expression, ZoneId zone) {
    static final Duration MIN_GAP = Duration.ofHours(1);
    private static final int FIRINGS_CHECKED = 50;

    /** The reason {@code cron} cannot be a schedule's, or empty when it can. */
    static Optional<String> problem(String cron, ZoneId zone, Instant now) {
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a cron expression (six fields: second minute hour day month weekday, "
                    + "e.g. \"0 0 7 * * MON\", or @daily, @weekly, @monthly): " + e.getMessage());
        }
        ZonedDateTime previous = expression.next(now.atZone(zone));
        if (previous == null) {
            return Optional.of("never fires");
        }
        for (int i = 0; i < FIRINGS_CHECKED; i++) {
            ZonedDateTime next = expression.next(previous);
            if (next == null) {
                break;
            }
            if (Duration.between(previous, next).compareTo(MIN_GAP) < 0) {
                return Optional.of("fires more often than once an hour (" + previous.toLocalDateTime() + " then "
                        + next.toLocalDateTime() + ")");
            }
            previous = next;
        }
        return Optional.empty();
    }

    static CronRule of(String cron, String zone) {
        return new CronRule(CronExpression.parse(cron), ZoneId.of(zone));
    }

    /** The first firing strictly after {@code after}; a schedule that will never fire again gets none. */
    Optional<Instant> nextAfter(Instant after) {
        return Optional.ofNullable(expression.next(after.atZone(zone))).map(ZonedDateTime::toInstant);
    }
}
