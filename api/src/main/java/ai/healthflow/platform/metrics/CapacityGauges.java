package ai.healthflow.platform.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the capacity alarms compare against (deploy/monitoring/prometheus-rules.yml): the process's CPU use as a
 * share of the cores it may use, the database pool's maximum size, which Dropwizard's pool metrics do not export
 * (they give the current size and the active connections), and the free space of the volumes the service writes
 * to, so one is seen running out before a report fails on a full disk. The volumes are named, as deployments mount
 * them separately (Kubernetes: the home directory per replica, its {@code reports} directory a shared claim).
 */
public final class CapacityGauges {
    private CapacityGauges() {
    }

    /** @param volumes by name (metric {@code healthflow.volume.<name>.free_bytes} and {@code .free_ratio}) */
    public static void register(MetricRegistry metrics, int databasePoolMax, Map<String, Path> volumes) {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        metrics.register("healthflow.process.cpu_load", (Gauge<Double>) () -> Math.max(0, os.getProcessCpuLoad()));
        metrics.register("healthflow.system.cpu_load", (Gauge<Double>) () -> Math.max(0, os.getCpuLoad()));
        metrics.register("healthflow.db.pool_max", (Gauge<Integer>) () -> databasePoolMax);
        volumes.forEach((name, path) -> {
            metrics.register("healthflow.volume." + name + ".free_bytes", (Gauge<Double>) () -> freeSpace(path)[0]);
            metrics.register("healthflow.volume." + name + ".free_ratio", (Gauge<Double>) () -> freeSpace(path)[1]);
        });
    }

    /**
     * Bytes this process may still write where {@code path} is (or will be: a directory not created yet is on its
     * nearest existing parent's volume), and their share of that volume; NaN for both when no volume can be read
     * (an unreadable volume must not look like a full or an empty one).
     */
    static double[] freeSpace(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing == null) {
                throw new IOException("no part of " + path + " exists");
            }
            FileStore store = Files.getFileStore(existing);
            double usable = store.getUsableSpace();
            double total = store.getTotalSpace();
            return new double[]{usable, total > 0 ? usable / total : Double.NaN};
        } catch (IOException | SecurityException e) {
            return new double[]{Double.NaN, Double.NaN};
        }
    }
}
