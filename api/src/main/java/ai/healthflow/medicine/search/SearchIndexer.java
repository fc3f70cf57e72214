package ai.healthflow.medicine.search;

import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.FeedPosition;
import ai.healthflow.search.medicine.MedicineDocument;
import ai.healthflow.search.medicine.MedicineIndex;
import io.dropwizard.lifecycle.Managed;
import org.jdbi.v3.core.Handle;
import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the Lucene index in step with the registry by reading {@code search_outbox} after the position stored in
 * the index's last commit: a change committed in PostgreSQL is searchable within a poll interval, and a crash
 * between the database commit and indexing loses nothing (the next run starts from the index's own position).
 * Each replica runs its own indexer over its own index.
 */
public final class SearchIndexer implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
    private static final int BATCH = 500;
    private static final long POLL_MILLIS = 200;

    private final Db db;
    private final LiveIndex live;
    private final Runnable onChange;
    private ScheduledExecutorService executor;

    /** @param onChange called after each change becomes searchable (drops cached results) */
    public SearchIndexer(Db db, LiveIndex live, Runnable onChange) {
        this.db = db;
        this.live = live;
        this.onChange = onChange;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "search-indexer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void pollSafely() {
        try {
            if (live.followPointer()) {
                onChange.run();
            }
            while (catchUp() == BATCH) {
                // a full batch: there may be more right away
            }
        } catch (Exception e) {
            LOG.warn("Search indexing failed; retrying: {}", e.toString());
        }
    }

    /** Applies the next outbox batch to the index being served; 0 when there is none or no index yet. */
    public synchronized int catchUp() throws IOException {
        var current = live.current();
        if (current.isEmpty()) {
            return 0;
        }
        int applied = catchUp(current.get());
        if (applied > 0) {
            onChange.run();
        }
        return applied;
    }

    /** How far the served index is behind the registry: outbox rows not applied yet and the oldest one's age. */
    public record Lag(long pending, double oldestSeconds) {
    }

    public Lag lag() {
        FeedPosition from = live.current().map(SearchIndexer::position).orElse(FeedPosition.START);
        return db.acrossTenants(handle -> from.bind(handle.createQuery("""
                        SELECT count(*) AS pending,
                               coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest
                          FROM search_outbox WHERE\s""" + FeedPosition.AFTER + " AND entity_type = 'medicine'"))
                .map((rs, ctx) -> new Lag(rs.getLong("pending"), rs.getDouble("oldest"))).one());
    }

    /**
     * {@code healthflow_search_outbox_pending} and {@code healthflow_search_outbox_lag_seconds}, behind the "search
     * index lagging the outbox" alarm; read at most every 15 s, whatever the scrape rate.
     */
    public void registerGauges(MetricRegistry metrics) {
        var lag = new CachedGauge<Lag>(15, TimeUnit.SECONDS) {
            @Override
            protected Lag loadValue() {
                return lag();
            }
        };
        metrics.register("healthflow.search.outbox_pending", (Gauge<Long>) () -> lag.getValue().pending());
        metrics.register("healthflow.search.outbox_lag_seconds", (Gauge<Double>) () -> lag.getValue().oldestSeconds());
    }

    static FeedPosition position(MedicineIndex index) {
        String token = index.position();
        return token == null ? FeedPosition.START : FeedPosition.parse("position", token);
    }

    /**
     * Applies the outbox rows after {@code index}'s position (later rows for the same medicine win) and commits them
     * with their position.
     */
    private int catchUp(MedicineIndex index) throws IOException {
        FeedPosition from = position(index);
        record Change(FeedPosition position, UUID medicineId, String operation) {
        }
        List<Change> changes = db.acrossTenants(handle -> from.bind(handle.createQuery(
                        "SELECT " + FeedPosition.COLUMNS + ", entity_id, operation FROM search_outbox WHERE "
                                + FeedPosition.AFTER + " AND entity_type = 'medicine' ORDER BY " + FeedPosition.ORDER
                                + " LIMIT :batch"))
                .bind("batch", BATCH)
                .map((rs, ctx) -> new Change(FeedPosition.of(rs), rs.getObject("entity_id", UUID.class),
                        rs.getString("operation")))
                .list());
        if (changes.isEmpty()) {
            return 0;
        }
        Map<UUID, String> latest = new LinkedHashMap<>();
        changes.forEach(c -> latest.put(c.medicineId(), c.operation()));
        Map<UUID, MedicineDocument> documents = db.acrossTenants(handle -> load(handle, new ArrayList<>(latest.keySet())));
        for (Map.Entry<UUID, String> change : latest.entrySet()) {
            MedicineDocument document = documents.get(change.getKey());
            if ("delete".equals(change.getValue()) || document == null) {
                index.delete(change.getKey().toString());
            } else {
                index.upsert(document);
            }
        }
        index.commit(changes.getLast().position().token());
        index.refresh();
        return changes.size();
    }

    /**
     * Builds a complete new index from the registry in a directory of its own while searches continue on the old
     * one, applies what changed meanwhile, and swaps it in atomically.
     */
    public void rebuild() throws IOException {
        long started = System.nanoTime();
        live.rebuilding(true);
        LiveIndex.Build build = live.newBuild();
        try {
            // everything final now is in the registry rows read next; anything committed later is caught up
            FeedPosition position = db.acrossTenants(handle -> handle.createQuery("SELECT " + FeedPosition.COLUMNS
                            + " FROM search_outbox WHERE xact_id < pg_snapshot_xmin(pg_current_snapshot())"
                            + " ORDER BY xact_id DESC, seq DESC LIMIT 1")
                    .map((rs, ctx) -> FeedPosition.of(rs)).findOne().orElse(FeedPosition.START));
            List<UUID> ids = db.acrossTenants(handle -> handle.createQuery("SELECT id FROM medicines")
                    .mapTo(UUID.class).list());
            for (int i = 0; i < ids.size(); i += BATCH) {
                List<UUID> slice = ids.subList(i, Math.min(ids.size(), i + BATCH));
                for (MedicineDocument document : db.acrossTenants(handle -> load(handle, slice)).values()) {
                    build.index().upsert(document);
                }
            }
            build.index().commit(position.token());
            synchronized (this) { // no outbox batch goes to the old index between the last catch-up and the swap
                while (catchUp(build.index()) == BATCH) {
                    // changes made while the rebuild ran
                }
                build.index().refresh();
                live.promote(build);
            }
            onChange.run();
            LOG.info("Search index rebuilt from the registry: {} medicines in {} ms", ids.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            build.index().close();
            throw e;
        } finally {
            live.rebuilding(false);
        }
    }

    /** A small registry is indexed before the service starts serving; a large one in the background. */
    static final int SYNCHRONOUS_REBUILD_LIMIT = 20_000;

    /** For a start without a usable index: rebuild now when the registry is small, in the background otherwise. */
    public void rebuildAtStart() throws IOException {
        long medicines = db.acrossTenants(handle -> handle.createQuery("SELECT count(*) FROM medicines")
                .mapTo(Long.class).one());
        if (medicines <= SYNCHRONOUS_REBUILD_LIMIT) {
            rebuild();
        } else {
            LOG.info("Building the search index for {} medicines in the background; /ready answers 503 until done", medicines);
            rebuildInBackground();
        }
    }

    /**
     * Starts {@link #rebuild()} in the background (the admin endpoint, a start with a large registry).
     *
     * @return false when a rebuild is already running
     */
    public boolean rebuildInBackground() {
        if (!backgroundRebuild.compareAndSet(false, true)) {
            return false;
        }
        live.rebuilding(true);
        Thread thread = new Thread(() -> {
            try {
                rebuild();
            } catch (Exception e) {
                LOG.error("Search index rebuild failed", e);
            } finally {
                backgroundRebuild.set(false);
            }
        }, "search-rebuild");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private final java.util.concurrent.atomic.AtomicBoolean backgroundRebuild = new java.util.concurrent.atomic.AtomicBoolean();

    static Map<UUID, MedicineDocument> load(Handle handle, List<UUID> ids) {
        Map<UUID, List<String[]>> ingredients = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT mi.medicine_id, i.name_en, i.name_ar FROM medicine_ingredients mi
                          JOIN ingredients i ON i.id = mi.ingredient_id
                         WHERE mi.medicine_id = ANY(:ids) ORDER BY mi.medicine_id, mi.position
                        """)
                .bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> {
                    ingredients.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new String[]{rs.getString(2), rs.getString(3)});
                    return null;
                }).list();
        Map<UUID, MedicineDocument> documents = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT id, registration_no, trade_name_en, trade_name_ar, generic_name_en, generic_name_ar,
                               strength, dosage_form, route, atc_code, manufacturer, gtin, price_egp, status
                          FROM medicines WHERE id = ANY(:ids)
                        """)
                .bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    List<String[]> parts = ingredients.getOrDefault(id, List.of());
                    var price = rs.getBigDecimal(13);
                    return new MedicineDocument(id.toString(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6),
                            parts.stream().map(p -> p[0]).toList(),
                            parts.stream().map(p -> p[1]).filter(java.util.Objects::nonNull).toList(),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), price == null ? null : price.doubleValue(), rs.getString(14));
                })
                .forEach(d -> documents.put(UUID.fromString(d.id()), d));
        return documents;
    }
}
