package ai.healthflow.batch.signal;

import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.BatchSettings;
import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.batch.testing.ServiceDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.healthflow.batch.signal.SignalResults.count;
import static ai.healthflow.batch.signal.SignalResults.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job through the batch engine (JDBC job repository, partition threads, restart of a failed run). */
class SignalDetectionJobIT {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    BatchEngine engine;

    record Told(SignalRunSummary run, List<NewSignal> top) {
    }

    BatchEngine engine(PGSimpleDataSource db, NewSignalsListener listener) {
        var settings = new BatchSettings("signals-it", Duration.ofMillis(200), Duration.ofSeconds(2), 2, 2);
        engine = new BatchEngine(db, CLOCK, Path.of("target"), settings, List.of(new SignalDetectionJob(listener)));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void runsThroughTheEngineInParallelPartitionsAndTellsTheListenerOnce() throws Exception {
        PGSimpleDataSource db = ServiceDatabase.fresh();
        SyntheticReports.generate(db, new SyntheticReports.Settings(3_000, 40, 30, 5));
        List<Told> told = Collections.synchronizedList(new ArrayList<>());

        JobRun run = engine(db, (summary, top) -> told.add(new Told(summary, top)))
                .runToEnd(SignalDetectionJob.NAME, Map.of());

        assertThat(run.status()).as(run.errors().toString()).isEqualTo("COMPLETED");
        long runId = Long.parseLong(run.results().get("runId"));
        SignalRunSummary summary = new SignalDetection(db, CLOCK).summary(runId).orElseThrow();
        assertThat(summary.reports()).isEqualTo(3_000);
        assertThat(summary.asOf()).as("default snapshot: a minute before the start").isEqualTo(CLOCK.instant().minusSeconds(60));
        assertThat(run.results()).containsEntry("pairs", String.valueOf(summary.pairs()))
                .containsEntry("signals", String.valueOf(summary.signals()));
        // each stage ran as two partitions, as the engine's two partition threads
        assertThat(run.steps()).extracting(JobRun.Step::name).contains("signal-detection.count-reports",
                "signal-detection.count-reports.partition:0", "signal-detection.count-reports.partition:1",
                "signal-detection.score-pairs.partition:0", "signal-detection.score-pairs.partition:1",
                "signal-detection.notify");
        assertThat(count(db, "SELECT count(*) FROM signal_results WHERE run_id = " + runId)).isEqualTo(summary.pairs());
        assertThat(told).singleElement().satisfies(t -> {
            assertThat(t.run().runId()).isEqualTo(runId);
            assertThat(t.run().newSignals()).isEqualTo(summary.signals()).isPositive();
            assertThat(t.top()).hasSize((int) Math.min(SignalDetection.NOTIFY_TOP, summary.signals()));
            assertThat(t.top()).extracting(NewSignal::a).isSortedAccordingTo(Collections.reverseOrder());
        });
    }

    @Test
    void aFailedRunResumesTheSameSignalRunAndEndsWithTheUninterruptedFigures() throws Exception {
        var settings = new SyntheticReports.Settings(3_000, 40, 30, 9);
        PGSimpleDataSource clean = ServiceDatabase.fresh();
        SyntheticReports.generate(clean, settings);
        JobRun reference = engine(clean, NewSignalsListener.NONE).runToEnd(SignalDetectionJob.NAME,
                Map.of(SignalDetectionJob.AS_OF, "2025-01-01T00:00:00Z"));
        engine.close();
        engine = null;

        PGSimpleDataSource db = ServiceDatabase.fresh();
        SyntheticReports.generate(db, settings);
        AtomicInteger calls = new AtomicInteger();
        NewSignalsListener flaky = (summary, top) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("notification service down");
            }
        };
        BatchEngine engine = engine(db, flaky);
        Map<String, String> parameters = Map.of(SignalDetectionJob.AS_OF, "2025-01-01T00:00:00Z");
        JobRun failed = engine.runToEnd(SignalDetectionJob.NAME, parameters);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.errors()).anySatisfy(e -> assertThat(e).contains("notification service down"));

        JobRun resumed = engine.runToEnd(SignalDetectionJob.NAME, parameters);

        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(resumed.instanceId()).as("the same job instance").isEqualTo(failed.instanceId());
        assertThat(resumed.restartOf()).isEqualTo(failed.id());
        assertThat(calls).hasValue(2);
        assertThat(count(db, "SELECT count(*) FROM signal_runs")).as("the same signal run").isEqualTo(1);
        // only the failed step ran again
        assertThat(resumed.steps()).extracting(JobRun.Step::name).containsExactly("signal-detection.notify");
        long runId = Long.parseLong(resumed.results().get("runId"));
        assertThat(rows(db, runId)).isEqualTo(rows(clean, Long.parseLong(reference.results().get("runId"))));
    }

    @Test
    void wrongParametersAreRefusedByName() throws Exception {
        BatchEngine engine = engine(ServiceDatabase.fresh(), NewSignalsListener.NONE);
        assertThatThrownBy(() -> engine.launch(SignalDetectionJob.NAME, Map.of("asof", "2025-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(InvalidJobParameters.class, e -> assertThat(e.problems())
                        .extracting(InvalidJobParameters.Problem::parameter).containsExactly("asof"));
        assertThatThrownBy(() -> engine.launch(SignalDetectionJob.NAME, Map.of("asOf", "yesterday")))
                .isInstanceOfSatisfying(InvalidJobParameters.class, e -> assertThat(e.problems())
                        .extracting(InvalidJobParameters.Problem::parameter).containsExactly("asOf"));
        assertThatThrownBy(() -> engine.launch(SignalDetectionJob.NAME, Map.of("asOf", "2030-01-01T00:00:00Z")))
                .hasMessageContaining("future");
        assertThatThrownBy(() -> engine.launch(SignalDetectionJob.NAME, Map.of("keepRuns", "0")))
                .hasMessageContaining("keepRuns");
    }
}
