package ai.healthflow.recall;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.email.EmailOutbox;
import ai.healthflow.notification.Audience;
import ai.healthflow.notification.Message;
import ai.healthflow.notification.Notifier;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * Does the work of an activation in the background, in bulk: one transaction per recall writes an acknowledgement
 * task for every active pharmacy and hospital tenant, an in-app notification (push follows from it) for each of
 * their users, and an email to their administrators and pharmacists — a few set-based statements, however many
 * tenants there are. Recalls are claimed with SKIP LOCKED, so several replicas share the work and each recall is
 * fanned out exactly once; a crash rolls back and the recall stays pending for the next pass.
 */
public final class RecallFanout implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RecallFanout.class);
    static final Set<String> TENANT_TYPES = Set.of("pharmacy", "pharmacy_chain", "hospital");
    static final Set<String> EMAIL_ROLES = Set.of("tenant_admin", "pharmacist");

    private final Db db;
    private final Notifier notifier;
    private final EmailOutbox emails;
    private final AuditLog audit;
    private final Clock clock;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public RecallFanout(Db db, Notifier notifier, EmailOutbox emails, AuditLog audit, Clock clock) {
        this.db = db;
        this.notifier = notifier;
        this.emails = emails;
        this.audit = audit;
        this.clock = clock;
    }

    /** An activation committed: look now rather than at the next poll. */
    public void wake() {
        signal.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("recall-fanout").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                signal.tryAcquire(1, TimeUnit.SECONDS); // also polls: activations through other replicas
                signal.drainPermits();
                while (running && fanOutNext().isPresent()) {
                    // one recall per transaction, until none is pending
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Recall fan-out failed; it stays pending and is retried", e);
                sleepQuietly();
            }
        }
    }

    /** Fans out one pending recall, if any. Visible for tests and benchmarks, which call it directly. */
    public Optional<FanOutResult> fanOutNext() {
        return db.acrossTenants(handle -> {
            record Pending(UUID id, String status, String recallClass, String tradeEn, String tradeAr,
                           boolean allBatches, List<String> batches, String instructionsEn, String instructionsAr) {
            }
            Optional<Pending> next = handle.createQuery("""
                            SELECT r.id, r.status, r.recall_class, m.trade_name_en, m.trade_name_ar, r.all_batches,
                                   r.batch_numbers, r.instructions_en, r.instructions_ar
                              FROM recalls r JOIN medicines m ON m.id = r.medicine_id
                             WHERE r.fanout_status = 'pending'
                             ORDER BY r.updated_at LIMIT 1 FOR UPDATE OF r SKIP LOCKED
                            """)
                    .map((rs, ctx) -> new Pending(rs.getObject("id", UUID.class), rs.getString("status"),
                            rs.getString("recall_class"), rs.getString("trade_name_en"), rs.getString("trade_name_ar"),
                            rs.getBoolean("all_batches"), List.of((String[]) rs.getArray("batch_numbers").getArray()),
                            rs.getString("instructions_en"), rs.getString("instructions_ar")))
                    .findOne();
            if (next.isEmpty()) {
                return Optional.<FanOutResult>empty();
            }
            Pending recall = next.get();
            long started = System.nanoTime();
            int tenants = 0, users = 0, mails = 0;
            if (RecallWorkflow.ACTIVE.equals(recall.status())) { // cancelled before its turn: nothing to send
                tenants = handle.createUpdate("""
                                INSERT INTO recall_acknowledgements (recall_id, tenant_id)
                                SELECT :id, t.id FROM tenants t WHERE t.status = 'active' AND t.type = ANY(:types)
                                ON CONFLICT DO NOTHING
                                """)
                        .bind("id", recall.id())
                        .bindArray("types", String.class, TENANT_TYPES)
                        .execute();
                String batches = recall.allBatches() ? "all batches" : String.join(", ", recall.batches());
                String batchesAr = recall.allBatches() ? "جميع التشغيلات" : String.join("، ", recall.batches());
                var message = new Message("recall.activated",
                        "Class " + recall.recallClass() + " recall: " + recall.tradeEn(),
                        "سحب من الفئة " + recall.recallClass() + ": " + recall.tradeAr(),
                        "Batches: " + batches + ". " + recall.instructionsEn(),
                        "التشغيلات: " + batchesAr + ". " + recall.instructionsAr(),
                        "recall", recall.id());
                users = notifier.toAudience(handle, new Audience(TENANT_TYPES, Set.of()), message);
                mails = emails.enqueueForMembers(handle, TENANT_TYPES, EMAIL_ROLES,
                        "HealthFlow recall (class " + recall.recallClass() + "): " + recall.tradeEn()
                                + " | سحب دواء: " + recall.tradeAr(),
                        message.titleEn() + "\n" + message.bodyEn() + "\n\nPlease quarantine the affected stock and "
                                + "acknowledge the recall in HealthFlow.\n\n" + message.titleAr() + "\n"
                                + message.bodyAr() + "\n\nيرجى عزل المخزون المتأثر وتأكيد الاستلام في هيلث فلو.");
            }
            handle.createUpdate("""
                            UPDATE recalls SET fanout_status = 'done', notified_tenants = :tenants,
                                   notified_users = :users, fanout_done_at = :now
                             WHERE id = :id
                            """)
                    .bind("tenants", tenants).bind("users", users)
                    .bind("now", utc(clock.instant()))
                    .bind("id", recall.id())
                    .execute();
            audit.record(handle, Actor.system("recall-fanout"), AuditEvent.of("recall.fanned_out", "recall",
                    recall.id(), null).withChanges(Map.of("tenants", tenants, "users", users, "emails", mails)));
            var result = new FanOutResult(recall.id(), tenants, users, mails, (System.nanoTime() - started) / 1_000_000);
            LOG.info("Recall {} fanned out: {} tenants, {} users, {} emails in {} ms", recall.id(), tenants, users,
                    mails, result.millis());
            return Optional.of(result);
        });
    }

    /** What one fan-out wrote. */
    public record FanOutResult(UUID recallId, int tenants, int users, int emails, long millis) {
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        signal.release();
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
