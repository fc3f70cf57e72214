package ai.healthflow.medicine.search;

import ai.healthflow.platform.error.ApiException;

import java.util.Map;

/** The first search index is still being built (a new installation or a lost index): retry shortly. */
public final class SearchUnavailable extends ApiException {
    public SearchUnavailable() {
        super(503, "search-unavailable", "Search unavailable",
                "The medicine search index is being built; retry in a few seconds.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "5");
    }
}
