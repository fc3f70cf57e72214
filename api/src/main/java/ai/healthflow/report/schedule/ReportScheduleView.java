package ai.healthflow.report.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A report schedule as its owner sees it.
 *
 * @param nextRunAt     the next firing
 * @param lastRequestId the report request the last firing made (follow it at /api/v2/reports/{id})
 * @param lastError     why the last firing could not request the report; null when it could
 */
public record ReportScheduleView(UUID id, String name, String type, String format, String language,
                                 Map<String, Object> params, String cron, String zone, List<String> recipients,
                                 boolean active, Instant nextRunAt, Instant lastRunAt, UUID lastRequestId,
                                 String lastError, Instant createdAt) {
}
