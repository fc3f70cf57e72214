package ai.healthflow.prescription;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * Marks open prescriptions past their expiry as expired, on a schedule (every replica runs it; the update is
 * idempotent). Dispensing also refuses an expired prescription by its date, so the schedule only makes the status
 * visible.
 */
public final class PrescriptionExpiry implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PrescriptionExpiry.class);
    private final Db db;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "prescription-expiry");
        thread.setDaemon(true);
        return thread;
    });

    public PrescriptionExpiry(Db db, AuditLog audit, Clock clock, Duration interval) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.interval = interval;
    }

    /** @return how many prescriptions expired now */
    public int expireDue() {
        return db.acrossTenants(handle -> {
            List<UUID> expired = handle.createQuery("""
                            UPDATE prescriptions SET status = 'expired', updated_at = :now
                             WHERE status IN ('issued', 'partially_dispensed') AND expires_at <= :now
                            RETURNING id
                            """)
                    .bind("now", utc(clock.instant()))
                    .mapTo(UUID.class).list();
            if (!expired.isEmpty()) {
                audit.record(handle, Actor.system("prescription-expiry"), AuditEvent.of("prescription.expired",
                        "prescription", null, null).withChanges(Map.of("ids", expired.stream().map(UUID::toString).toList())));
            }
            return expired.size();
        });
    }

    @Override
    public void start() {
        long period = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                int expired = expireDue();
                if (expired > 0) {
                    LOG.info("{} prescription(s) expired", expired);
                }
            } catch (RuntimeException e) {
                LOG.warn("Prescription expiry failed; retried at the next run", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }
}
