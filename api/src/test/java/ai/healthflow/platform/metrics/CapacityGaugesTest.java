package ai.healthflow.platform.metrics;

import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CapacityGaugesTest {
    @TempDir
    Path home;

    static double gauge(MetricRegistry metrics, String name) {
        return (Double) metrics.getGauges().get(name).getValue();
    }

    @Test
    void eachVolumesFreeSpaceIsWhatItsFileStoreReports() throws Exception {
        var metrics = new MetricRegistry();
        // reports not created yet: the volume it will be written to is its parent's
        CapacityGauges.register(metrics, 20, Map.of("home", home, "reports", home.resolve("reports")));
        FileStore store = Files.getFileStore(home);
        double usable = store.getUsableSpace();

        for (String volume : new String[]{"home", "reports"}) {
            // other processes write meanwhile: within 64 MiB of a second reading
            assertThat(gauge(metrics, "healthflow.volume." + volume + ".free_bytes")).isCloseTo(usable, within(64.0 * 1024 * 1024));
            assertThat(gauge(metrics, "healthflow.volume." + volume + ".free_ratio"))
                    .isCloseTo(usable / store.getTotalSpace(), within(0.01)).isBetween(0.0, 1.0);
        }
        assertThat(metrics.getGauges().get("healthflow.db.pool_max").getValue()).isEqualTo(20);
    }

    @Test
    void aVolumeWithoutASizeIsNotANumberRatherThanFullOrEmpty() {
        // procfs reports a total size of 0, as a broken mount may: the share is unknown, not 0 % or 100 %
        assertThat(CapacityGauges.freeSpace(Path.of("/proc/self"))[1]).isNaN();
    }
}
