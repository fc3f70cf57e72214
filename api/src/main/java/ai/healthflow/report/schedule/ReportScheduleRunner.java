package ai.healthflow.report.schedule;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * On every replica, every {@code interval}: fires the due report schedules, then announces the scheduled reports
 * that finished. Both claim their rows in the database, so replicas share the work without doing any twice.
 */
public final class ReportScheduleRunner implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduleRunner.class);

    private final ReportScheduleService schedules;
    private final ScheduledReportDelivery delivery;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "report-schedules");
        thread.setDaemon(true);
        return thread;
    });

    public ReportScheduleRunner(ReportScheduleService schedules, ScheduledReportDelivery delivery, Duration interval) {
        this.schedules = schedules;
        this.delivery = delivery;
        this.interval = interval;
    }

    void runOnce() {
        int requested = schedules.fireDue();
        int delivered = delivery.deliver();
        if (requested + delivered > 0) {
            LOG.info("Report schedules: {} report(s) requested, {} delivered", requested, delivered);
        }
    }

    @Override
    public void start() {
        executor.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("Report schedules pass failed; tried again at the next one", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }
}
