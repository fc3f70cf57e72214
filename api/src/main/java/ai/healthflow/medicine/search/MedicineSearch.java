package ai.healthflow.medicine.search;

import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.search.medicine.MedicineIndex;
import ai.healthflow.search.medicine.MedicineQuery;
import ai.healthflow.search.medicine.SearchResults;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search and suggestions over the medicine index, with their own input rules, and a Caffeine cache of recent
 * answers that is emptied whenever the indexer makes a change searchable.
 */
public final class MedicineSearch {
    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_LIMIT = 100;

    private final LiveIndex live;
    // Keys carry the index generation: an answer computed from an older searcher while the indexer moved on is
    // stored under an old generation nobody asks for again, instead of hiding the change (invalidateAll alone
    // races with a computation in flight).
    private final AtomicLong generation = new AtomicLong();
    private final Cache<Key<MedicineQuery>, SearchResults> searches = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<Key<String>, List<String>> suggestions = Caffeine.newBuilder().maximumSize(20_000).build();

    private record Key<T>(long generation, T query) {
    }

    public MedicineSearch(LiveIndex live) {
        this.live = live;
    }

    private MedicineIndex index() {
        return live.current().orElseThrow(SearchUnavailable::new);
    }

    /** Drops every cached answer (called by the indexer after each change). */
    public void invalidate() {
        generation.incrementAndGet();
        searches.invalidateAll();
        suggestions.invalidateAll();
    }

    /** @throws InvalidParameter (400) for an empty or over-long text, or an out-of-range limit or offset */
    public SearchResults search(MedicineQuery query) {
        String text = checkText(query.text());
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new InvalidParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (query.offset() < 0 || query.offset() > 10_000) {
            throw new InvalidParameter("offset", "must be between 0 and 10000");
        }
        var normalized = new MedicineQuery(text, query.status(), query.dosageForm(), query.atc(), query.manufacturer(),
                query.limit(), query.offset());
        return searches.get(new Key<>(generation.get(), normalized), key -> io(() -> index().search(key.query())));
    }

    public List<String> suggest(String text) {
        return suggestions.get(new Key<>(generation.get(), checkText(text)), key -> io(() -> index().suggest(key.query(), 10)));
    }

    private static String checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameter("q", "is required");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new InvalidParameter("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return text.strip();
    }

    private interface IoWork<T> {
        T run() throws IOException;
    }

    private static <T> T io(IoWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
