package ai.healthflow.search;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Lucene index on disk: one writer, near-real-time searchers from a {@link SearcherManager}. Opening creates the
 * index when the directory is empty; it is safe to open after a crash (Lucene commits are atomic).
 */
public final class SearchIndex implements Closeable {
    private final Path directoryPath;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile boolean open;

    private SearchIndex(Path directoryPath, Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.directoryPath = directoryPath;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.open = true;
    }

    /**
     * Opens (or creates) the index in {@code path}.
     *
     * @throws IOException when the directory cannot be created or the index is locked by another process
     */
    public static SearchIndex open(Path path) throws IOException {
        return open(path, new org.apache.lucene.analysis.standard.StandardAnalyzer());
    }

    /** Opens (or creates) the index in {@code path}, analysing documents with {@code analyzer}. */
    public static SearchIndex open(Path path, org.apache.lucene.analysis.Analyzer analyzer) throws IOException {
        Files.createDirectories(path);
        Directory directory = FSDirectory.open(path);
        try {
            var config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            var writer = new IndexWriter(directory, config);
            writer.commit(); // a brand-new index gets a first commit, so searchers can open on it
            var searchers = new SearcherManager(writer, null);
            return new SearchIndex(path, directory, writer, searchers);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Work done with the latest searcher; the searcher must not escape {@code work}. */
    public interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    public <T> T withSearcher(SearcherWork<T> work) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return work.run(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Adds or replaces the document identified by {@code id}. */
    public void update(Term id, Iterable<? extends IndexableField> document) throws IOException {
        writer.updateDocument(id, document);
    }

    public void delete(Term id) throws IOException {
        writer.deleteDocuments(id);
    }

    /** Commits pending changes with {@code data} stored in the commit, readable after a restart. */
    public void commit(Map<String, String> data) throws IOException {
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    /** The user data of the last commit. */
    public Map<String, String> commitData() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    /** Makes every change so far visible to new searches. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    public boolean isOpen() {
        return open && writer.isOpen();
    }

    /** What a health check needs to know; reads the latest searcher, so it sees recent changes. */
    public Stats stats() throws IOException {
        searchers.maybeRefresh();
        IndexSearcher searcher = searchers.acquire();
        try {
            return new Stats(isOpen(), searcher.getIndexReader().numDocs(), sizeOnDisk());
        } finally {
            searchers.release(searcher);
        }
    }

    private long sizeOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(directoryPath)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        try (directory; writer; searchers) {
            writer.commit();
        }
    }

    /**
     * @param open       whether searches can be served
     * @param documents  live documents in the index
     * @param sizeBytes  bytes of index files on disk
     */
    public record Stats(boolean open, int documents, long sizeBytes) {
    }
}
