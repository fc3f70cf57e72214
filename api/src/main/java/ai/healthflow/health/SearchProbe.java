package ai.healthflow.health;

import ai.healthflow.search.SearchIndex;

import java.io.IOException;

/** What the health checks need to know about search. */
public interface SearchProbe {
    /** The served index; {@code open} is false while there is none. */
    SearchIndex.Stats stats() throws IOException;

    /** A rebuild is running (searches continue on the previous index, if there is one). */
    boolean rebuilding();
}
