package ai.healthflow.safetysummary;

import ai.healthflow.platform.error.ApiException;

/** No summary of that month, grouping and language has been written. */
public final class SafetySummaryNotFound extends ApiException {
    public SafetySummaryNotFound(String month, String language) {
        super(404, "not-found", "Not found", "No safety summary of " + month + " in '" + language
                + "' has been written; the safety-summary job writes one.");
    }
}
