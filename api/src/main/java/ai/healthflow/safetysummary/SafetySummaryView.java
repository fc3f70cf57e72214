package ai.healthflow.safetysummary;

import java.time.Instant;

/**
 * One summary file as the list shows it.
 *
 * @param month       {@code YYYY-MM}
 * @param groupBy     {@code ingredient} (the scheduled summary) or {@code medicine}
 * @param language    {@code en} or {@code ar}
 * @param generatedAt when the file was written
 */
public record SafetySummaryView(String month, String groupBy, String language, long sizeBytes, Instant generatedAt,
                                String downloadUrl) {
}
