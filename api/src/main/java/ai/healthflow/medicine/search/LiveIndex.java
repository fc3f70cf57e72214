package ai.healthflow.medicine.search;

import ai.healthflow.search.SearchIndex;
import ai.healthflow.search.medicine.MedicineIndex;
import ai.healthflow.search.medicine.Synonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The index being served, and how it is replaced. Under {@code HEALTHFLOW_HOME/search} each build is a directory
 * of its own ({@code index-<time>}) and the file {@code CURRENT} names the one in use. A rebuild fills a new
 * directory while searches continue on the old one, then {@code CURRENT} is replaced atomically and the old index
 * closed: searches never see a half-built index. A rebuild by the CLI while the service runs is picked up the
 * same way (the service watches {@code CURRENT}).
 */
public final class LiveIndex implements Closeable, ai.healthflow.health.SearchProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LiveIndex.class);
    static final String POINTER = "CURRENT";

    private final Path root;
    private final Synonyms synonyms;
    private final AtomicReference<Served> served = new AtomicReference<>();
    private volatile boolean rebuilding;

    private record Served(String name, MedicineIndex index) {
    }

    public LiveIndex(Path root, Synonyms synonyms) {
        this.root = root;
        this.synonyms = synonyms;
    }

    /**
     * Opens the index {@code CURRENT} names, if any and readable.
     *
     * @return false when there is none (or it is unreadable): a rebuild is needed before searches can be served
     */
    public boolean openCurrent() throws IOException {
        Files.createDirectories(root);
        Optional<String> name = pointer();
        if (name.isEmpty()) {
            return false;
        }
        try {
            served.set(new Served(name.get(), MedicineIndex.open(root.resolve(name.get()), synonyms)));
            return !served.get().index().needsRebuild();
        } catch (org.apache.lucene.index.CorruptIndexException | org.apache.lucene.index.IndexFormatTooOldException
                 | org.apache.lucene.index.IndexFormatTooNewException e) {
            LOG.error("Search index {} is unreadable ({}); it will be rebuilt", name.get(), e.getMessage());
            return false;
        }
    }

    /** The index serving searches now, or empty while the first build runs. */
    public Optional<MedicineIndex> current() {
        Served s = served.get();
        return s == null ? Optional.empty() : Optional.of(s.index());
    }

    /** The directory name of the index served, if any. */
    public Optional<String> servedName() {
        Served s = served.get();
        return s == null ? Optional.empty() : Optional.of(s.name());
    }

    @Override
    public boolean rebuilding() {
        return rebuilding;
    }

    void rebuilding(boolean value) {
        rebuilding = value;
    }

    /** A new, empty index in a directory of its own, for a rebuild. */
    Build newBuild() throws IOException {
        String name = "index-" + System.currentTimeMillis();
        return new Build(name, MedicineIndex.open(root.resolve(name), synonyms));
    }

    /** A rebuild in progress: its directory name and index. */
    record Build(String name, MedicineIndex index) {
    }

    /** Serves {@code build} from now on: {@code CURRENT} is replaced atomically, the old index closed and deleted. */
    synchronized void promote(Build build) throws IOException {
        Path temporary = root.resolve(POINTER + ".tmp");
        Files.writeString(temporary, build.name(), StandardCharsets.UTF_8);
        Files.move(temporary, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        adopt(build.name(), build.index());
    }

    /**
     * Follows {@code CURRENT} when another process (the {@code search reindex} command) has replaced it.
     *
     * @return true when a different index is now served
     */
    synchronized boolean followPointer() throws IOException {
        Optional<String> name = pointer();
        Served s = served.get();
        if (name.isEmpty() || (s != null && s.name().equals(name.get()))) {
            return false;
        }
        adopt(name.get(), MedicineIndex.open(root.resolve(name.get()), synonyms));
        LOG.info("Now serving search index {} (rebuilt by another process)", name.get());
        return true;
    }

    private void adopt(String name, MedicineIndex index) throws IOException {
        Served old = served.getAndSet(new Served(name, index));
        if (old != null) {
            old.index().close(); // searches in flight hold their searcher until they finish
            delete(root.resolve(old.name()));
        }
        deleteStrayFiles();
    }

    Optional<String> pointer() throws IOException {
        Path pointer = root.resolve(POINTER);
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        return name.isEmpty() || !Files.isDirectory(root.resolve(name)) ? Optional.empty() : Optional.of(name);
    }

    /** Files of the single-directory layout used before generations, and abandoned builds. */
    private void deleteStrayFiles() throws IOException {
        Served s = served.get();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String file = entry.getFileName().toString();
                boolean keep = file.equals(POINTER) || (s != null && file.equals(s.name()))
                        || (rebuilding && file.startsWith("index-"));
                if (!keep) {
                    delete(entry);
                }
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What health checks read. */
    @Override
    public SearchIndex.Stats stats() throws IOException {
        Optional<MedicineIndex> index = current();
        return index.isPresent() ? index.get().raw().stats() : new SearchIndex.Stats(false, 0, 0);
    }

    @Override
    public void close() throws IOException {
        Served s = served.getAndSet(null);
        if (s != null) {
            s.index().close();
        }
    }
}
