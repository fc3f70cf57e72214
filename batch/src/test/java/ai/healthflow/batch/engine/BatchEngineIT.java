package ai.healthflow.batch.engine;

import ai.healthflow.batch.BatchTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ai.healthflow.batch.BatchTestDatabase.execute;
import static ai.healthflow.batch.BatchTestDatabase.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine against a real PostgreSQL job repository: runs, restarts after a failure and after kill -9, schedules. */
class BatchEngineIT {
    BatchEngine engine;

    @BeforeAll
    static void schema() {
        execute(RangeJob.SCHEMA);
    }

    BatchEngine engine(String owner) {
        var settings = new BatchSettings(owner, Duration.ofMillis(200), Duration.ofSeconds(1), 2, 2);
        engine = new BatchEngine(BatchTestDatabase.dataSource(), Clock.systemUTC(), Path.of("target"), settings,
                List.of(new RangeJob()));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    static String tag() {
        return UUID.randomUUID().toString();
    }

    static long written(String tag) {
        return queryLong("SELECT count(*) FROM range_output WHERE tag = '" + tag + "'");
    }

    static long distinctWritten(String tag) {
        return queryLong("SELECT count(DISTINCT item) FROM range_output WHERE tag = '" + tag + "'");
    }

    @Test
    void runsAJobToTheEndWithCountsAndTimings() throws Exception {
        String tag = tag();
        JobRun run = engine("a").runToEnd("range", Map.of("tag", tag, "size", "95"));

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.job()).isEqualTo("range");
        assertThat(run.itemsRead()).isEqualTo(95);
        assertThat(run.itemsWritten()).isEqualTo(95);
        assertThat(run.steps()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("write-range");
            assertThat(s.commitCount()).as("10 chunks of 10 items, the last one 5").isEqualTo(10);
        });
        assertThat(run.parameters()).containsEntry("tag", tag).containsEntry("size", "95").containsKey(BatchEngine.RUN_PARAMETER);
        assertThat(run.startedAt()).isNotNull();
        assertThat(run.endedAt()).isAfterOrEqualTo(run.startedAt());
        assertThat(run.restartOf()).isNull();
        assertThat(written(tag)).isEqualTo(95);
    }

    @Test
    void aCompletedJobRunsAgainAsANewInstance() throws Exception {
        String tag = tag();
        JobRun first = engine("a").runToEnd("range", Map.of("tag", tag, "size", "20"));
        JobRun second = engine.runToEnd("range", Map.of("tag", tag, "size", "20"));

        assertThat(second.status()).isEqualTo("COMPLETED");
        assertThat(second.instanceId()).isNotEqualTo(first.instanceId());
        assertThat(written(tag)).isEqualTo(40);
    }

    @Test
    void aFailedRunIsResumedFromItsLastCommittedChunkAndEndsWithExactlyTheUninterruptedResult() throws Exception {
        String tag = tag();
        JobRun failed = engine("a").runToEnd("range", Map.of("tag", tag, "size", "100", "failAt", "47"));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.errors()).singleElement().asString().contains("planned failure at item 47")
                .doesNotContain("\n").doesNotContain("at org.");
        assertThat(written(tag)).as("chunks 1-40 committed, 41-50 rolled back").isEqualTo(40);

        JobRun resumed = engine.runToEnd("range", Map.of("tag", tag, "size", "100", "failAt", "47"));

        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(resumed.instanceId()).as("same instance, new execution").isEqualTo(failed.instanceId());
        assertThat(resumed.restartOf()).isEqualTo(failed.id());
        assertThat(resumed.itemsRead()).as("only the items after the last commit").isEqualTo(60);
        assertThat(written(tag)).isEqualTo(100);
        assertThat(distinctWritten(tag)).isEqualTo(100);
    }

    @Test
    void aRunWhoseProcessWasKilledIsRecoveredAndResumedWithTheExactResult() throws Exception {
        String tag = tag();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Duser.timezone=UTC", "-cp", System.getProperty("java.class.path"),
                RangeJobMain.class.getName(), BatchTestDatabase.url(), tag, "300", "100")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "range-child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (written(tag) < 50 && System.nanoTime() < deadline) {
                assertThat(child.isAlive()).as("child still running (see target/range-child.log)").isTrue();
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to mark the run
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        long before = written(tag);
        assertThat(before).isBetween(50L, 290L);
        long killedExecution = queryLong("""
                SELECT max(e.job_execution_id) FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'tag' AND p.parameter_value = '%s'""".formatted(tag));
        assertThat(queryLong("SELECT count(*) FROM batch_job_execution WHERE status = 'STARTED' AND job_execution_id = "
                + killedExecution)).as("Spring Batch alone still thinks it runs").isEqualTo(1);

        engine("b");
        assertThatThrownBy(() -> engine.launch("range", Map.of("tag", tag, "size", "300", "delayMs", "100")))
                .as("while the heartbeat is fresh the run counts as live")
                .isInstanceOf(JobAlreadyRunning.class);
        Thread.sleep(1500); // longer than staleAfter

        JobRun resumed = engine.runToEnd("range", Map.of("tag", tag, "size", "300", "delayMs", "0"));

        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(resumed.restartOf()).isEqualTo(killedExecution);
        assertThat(resumed.itemsRead()).as("resumed after the last committed chunk").isEqualTo(300 - before);
        assertThat(written(tag)).isEqualTo(300);
        assertThat(distinctWritten(tag)).isEqualTo(300);
        assertThat(queryLong("SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED' AND job_execution_id = "
                + killedExecution)).as("the killed execution is marked failed").isEqualTo(1);
    }

    @Test
    void theSameJobAndParametersCannotRunTwiceAtOnce() throws Exception {
        String tag = tag();
        JobRun running = engine("a").launch("range", Map.of("tag", tag, "size", "200", "delayMs", "50"));

        assertThatThrownBy(() -> engine.launch("range", Map.of("tag", tag, "size", "200")))
                .isInstanceOf(JobAlreadyRunning.class);
        assertThat(engine.runToEnd("range", Map.of("tag", tag(), "size", "10")).status())
                .as("other parameters run beside it").isEqualTo("COMPLETED");
        while (engine.run(running.id()).orElseThrow().running()) {
            Thread.sleep(50);
        }
    }

    @Test
    void unknownJobsAndBadParametersAreRefusedNamingWhatIsWrong() {
        engine("a");
        assertThatThrownBy(() -> engine.launch("nope", Map.of())).isInstanceOf(UnknownJob.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> engine.launch("range", Map.of("size", "many")))
                .isInstanceOfSatisfying(InvalidJobParameters.class, e ->
                        assertThat(e.problems()).containsExactly(new InvalidJobParameters.Problem("size", "must be a whole number")));
    }

    @Test
    void eachScheduledFiringRunsOnceAcrossReplicas() throws Exception {
        String tag = tag();
        var replicaA = engine("replica-a");
        var settings = new BatchSettings("replica-b", Duration.ofMillis(200), Duration.ofSeconds(1), 1, 1);
        try (var replicaB = new BatchEngine(BatchTestDatabase.dataSource(), Clock.systemUTC(), Path.of("target"),
                settings, List.of(new RangeJob()))) {
            var schedule = Schedule.of("range", "0 30 1 * * *", "Africa/Cairo", Map.of("tag", tag, "size", "10"));
            var schedulerA = new BatchScheduler(replicaA, BatchTestDatabase.dataSource(), Clock.systemUTC(), "replica-a", List.of(schedule));
            var schedulerB = new BatchScheduler(replicaB, BatchTestDatabase.dataSource(), Clock.systemUTC(), "replica-b", List.of(schedule));
            Instant firing = schedule.nextAfter(Instant.parse("2026-11-22T00:00:00Z"));

            assertThat(firing).as("01:30 Cairo is 23:30 UTC").isEqualTo(Instant.parse("2026-11-22T23:30:00Z"));
            long a = schedulerA.fire(schedule, firing);
            long b = schedulerB.fire(schedule, firing);

            assertThat(List.of(a, b)).containsOnlyOnce(-1L);
            long launched = Math.max(a, b);
            while (replicaA.run(launched).orElseThrow().running()) {
                Thread.sleep(50);
            }
            assertThat(written(tag)).isEqualTo(10);
            assertThat(queryLong("SELECT job_execution_id FROM batch_schedule_fires WHERE job_name = 'range' AND fire_time = '"
                    + firing + "'")).isEqualTo(launched);
        }
    }

    @Test
    void schedulesNamingUnknownJobsOrBadCronStopTheStart() {
        engine("a");
        assertThatThrownBy(() -> Schedule.of("range", "every night", null, Map.of()))
                .hasMessageContaining("'every night' is not a cron expression");
        assertThatThrownBy(() -> new BatchScheduler(engine, BatchTestDatabase.dataSource(), Clock.systemUTC(), "a",
                List.of(Schedule.of("nope", "0 0 1 * * *", null, Map.of()))))
                .hasMessageContaining("'nope', which does not exist");
    }
}
