package ai.healthflow.batch.engine;

import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs the range job in a process of its own, so a test can kill it with SIGKILL mid-run. */
public final class RangeJobMain {
    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        var settings = new BatchSettings("child-" + ProcessHandle.current().pid(), Duration.ofMillis(200),
                Duration.ofSeconds(1), 1, 1);
        try (var engine = new BatchEngine(dataSource, Clock.systemUTC(), Path.of("target"), settings, List.of(new RangeJob()))) {
            JobRun run = engine.runToEnd("range", Map.of("tag", args[1], "size", args[2], "delayMs", args[3]));
            System.exit(run.status().equals("COMPLETED") ? 0 : 1);
        }
    }
}
