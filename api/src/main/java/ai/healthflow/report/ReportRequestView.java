package ai.healthflow.report;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A report request as its requester sees it.
 *
 * @param dataScope   {@code all} (every tenant's rows) or {@code tenant} (the requester's tenant's rows)
 * @param status      queued, running, completed, failed or expired
 * @param progress    0–100
 * @param rowCount    rows written so far (while running) or in the file
 * @param sizeBytes   the file's size once completed
 * @param error       why it failed, for people; null otherwise
 * @param downloadUrl where to get the file once completed; null otherwise
 */
public record ReportRequestView(UUID id, String type, String title, String format, String language,
                                Map<String, String> params, String dataScope, String status, int progress,
                                Long rowCount, Long sizeBytes, String error, Instant createdAt, Instant startedAt,
                                Instant finishedAt, Instant expiresAt, String downloadUrl) {
}
