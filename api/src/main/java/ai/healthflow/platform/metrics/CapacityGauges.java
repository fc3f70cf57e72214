package ai.healthflow.platform.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;

/**
 * What the capacity alarms compare against (deploy/monitoring/prometheus-rules.yml): the process's CPU use as a
 * share of the cores it may use, and the database pool's maximum size, which Dropwizard's pool metrics do not
 * export (they give the current size and the active connections).
 */
public final class CapacityGauges {
    private CapacityGauges() {
    }

    public static void register(MetricRegistry metrics, int databasePoolMax) {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        metrics.register("healthflow.process.cpu_load", (Gauge<Double>) () -> Math.max(0, os.getProcessCpuLoad()));
        metrics.register("healthflow.system.cpu_load", (Gauge<Double>) () -> Math.max(0, os.getCpuLoad()));
        metrics.register("healthflow.db.pool_max", (Gauge<Integer>) () -> databasePoolMax);
    }
}
