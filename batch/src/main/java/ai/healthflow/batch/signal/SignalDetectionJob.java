package ai.healthflow.batch.signal;

import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.JobInfrastructure;
import ai.healthflow.batch.engine.JobRun;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code signal-detection}: disproportionality analysis of the adverse-event reports, six steps, each restartable
 * on its own (see {@link SignalDetection} for what each one does and why a repeat replaces its own rows):
 * <ol>
 *   <li>{@code open} — the run row: snapshot ({@code asOf}), partitions, the run to compare with;</li>
 *   <li>{@code count-reports} — partitioned by report, in parallel: partial counts;</li>
 *   <li>{@code analyze} — fresh planner statistics of the stage tables;</li>
 *   <li>{@code score-pairs} — partitioned by ingredient, in parallel: figures and result rows;</li>
 *   <li>{@code complete} — totals, status, stage rows removed, old runs pruned to their signals;</li>
 *   <li>{@code notify} — the new signals to the {@link NewSignalsListener}.</li>
 * </ol>
 * A run resumed by the engine belongs to the same job instance and therefore continues the same signal run (same
 * snapshot): completed steps and partitions are not repeated, the interrupted one is.
 *
 * <p>Parameters (both optional, both identifying): {@code asOf} — ISO-8601 instant, not in the future; reports and
 * follow-ups received up to it count (default: one minute before the run starts); {@code keepRuns} — how many of
 * the latest completed runs keep every pair (older ones keep their signals only), default
 * {@value SignalDetection#DEFAULT_KEEP_RUNS}.
 */
public final class SignalDetectionJob implements JobDefinition {
    public static final String NAME = "signal-detection";
    public static final String AS_OF = "asOf";
    public static final String KEEP_RUNS = "keepRuns";
    private static final Set<String> KNOWN = Set.of(AS_OF, KEEP_RUNS);
    private static final String PART = "part";

    private final NewSignalsListener listener;

    public SignalDetectionJob(NewSignalsListener listener) {
        this.listener = listener;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Pharmacovigilance signals: 2x2 counts, PRR, ROR, chi-square and IC for every (ingredient, reaction) "
                + "pair of the adverse-event reports; tells the regulator's officers about new signals";
    }

    @Override
    public Job build(JobInfrastructure infra) {
        var detection = new SignalDetection(infra.dataSource(), infra.clock());

        Step open = tasklet(infra, "signal-detection.open", (context, execution) -> {
            JobParameters parameters = execution.getJobParameters();
            String asOf = parameters.getString(AS_OF);
            SignalDetection.SignalRun run = detection.open(execution.getJobExecution().getJobInstanceId(),
                    asOf == null ? null : Instant.parse(asOf), infra.partitions());
            return Map.of("runId", run.id(), "asOf", run.asOf().toString(), "partitions", run.partitions());
        });
        Step countReports = partitioned(infra, detection, "signal-detection.count-reports", detection::countReports);
        Step analyze = tasklet(infra, "signal-detection.analyze", (context, execution) -> {
            detection.analyzeStage();
            return Map.of();
        });
        Step scorePairs = partitioned(infra, detection, "signal-detection.score-pairs", detection::scorePairs);
        Step complete = tasklet(infra, "signal-detection.complete", (context, execution) -> {
            long keepRuns = execution.getJobParameters().getLong(KEEP_RUNS, (long) SignalDetection.DEFAULT_KEEP_RUNS);
            SignalRunSummary summary = detection.complete(run(detection, execution), (int) keepRuns);
            return results(summary);
        });
        Step notify = tasklet(infra, "signal-detection.notify", (context, execution) -> {
            SignalDetection.SignalRun run = run(detection, execution);
            SignalRunSummary summary = detection.summary(run.id()).orElseThrow();
            List<NewSignal> top = detection.newSignals(run.id(), SignalDetection.NOTIFY_TOP);
            listener.newSignals(summary, top);
            return results(summary);
        });
        return new JobBuilder(NAME, infra.repository())
                .start(open).next(countReports).next(analyze).next(scorePairs).next(complete).next(notify)
                .build();
    }

    @Override
    public JobParameters parameters(Map<String, String> given, JobInfrastructure infra) {
        List<InvalidJobParameters.Problem> problems = new ArrayList<>();
        var builder = new JobParametersBuilder();
        given.forEach((key, value) -> {
            if (!KNOWN.contains(key)) {
                problems.add(new InvalidJobParameters.Problem(key, "unknown parameter; known: asOf, keepRuns"));
            }
        });
        String asOf = given.get(AS_OF);
        if (asOf != null) {
            try {
                Instant instant = Instant.parse(asOf.strip());
                if (instant.isAfter(infra.clock().instant())) {
                    problems.add(new InvalidJobParameters.Problem(AS_OF, "must not be in the future"));
                } else {
                    builder.addString(AS_OF, instant.toString());
                }
            } catch (DateTimeParseException e) {
                problems.add(new InvalidJobParameters.Problem(AS_OF, "must be an ISO-8601 instant such as 2026-11-22T00:00:00Z"));
            }
        }
        String keepRuns = given.get(KEEP_RUNS);
        if (keepRuns != null) {
            try {
                long keep = Long.parseLong(keepRuns.strip());
                if (keep < 1 || keep > 1000) {
                    problems.add(new InvalidJobParameters.Problem(KEEP_RUNS, "must be between 1 and 1000"));
                } else {
                    builder.addLong(KEEP_RUNS, keep);
                }
            } catch (NumberFormatException e) {
                problems.add(new InvalidJobParameters.Problem(KEEP_RUNS, "must be a whole number"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobParameters(problems);
        }
        return builder.toJobParameters();
    }

    // ---- building blocks

    private interface StepWork {
        Map<String, ?> run(ChunkContext context, StepExecution execution) throws Exception;
    }

    /** A one-transaction step whose results (counts) are kept with the run. */
    private static Step tasklet(JobInfrastructure infra, String name, StepWork work) {
        return new StepBuilder(name, infra.repository())
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    Map<String, ?> results = work.run(context, execution);
                    ExecutionContext stepContext = execution.getExecutionContext();
                    results.forEach((key, value) -> stepContext.putString(JobRun.RESULT_PREFIX + key, String.valueOf(value)));
                    return RepeatStatus.FINISHED;
                }, infra.transactionManager())
                .build();
    }

    /**
     * A step split into the run's partitions, run on the partition executor. The number of partitions is the run's
     * (fixed when it opened), not the engine's current setting, so a restart splits the work as the first attempt
     * did; Spring Batch then repeats only the partitions that did not complete.
     */
    private static Step partitioned(JobInfrastructure infra, SignalDetection detection, String name,
                                    BiFunction<SignalDetection.SignalRun, Integer, SignalDetection.PartResult> work) {
        String workerName = name + ".partition";
        Step worker = new StepBuilder(workerName, infra.repository())
                .tasklet((contribution, context) -> {
                    StepExecution execution = context.getStepContext().getStepExecution();
                    int part = execution.getExecutionContext().getInt(PART);
                    SignalDetection.PartResult result = work.apply(run(detection, execution), part);
                    contribution.incrementWriteCount(result.rows());
                    return RepeatStatus.FINISHED;
                }, infra.transactionManager())
                .build();
        StepExecutionSplitter splitter = new StepExecutionSplitter() {
            @Override
            public String getStepName() {
                return workerName;
            }

            @Override
            public Set<StepExecution> split(StepExecution manager, int gridSize)
                    throws org.springframework.batch.core.job.JobExecutionException {
                int partitions = run(detection, manager).partitions();
                return new SimpleStepExecutionSplitter(infra.repository(), workerName, size -> {
                    Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
                    for (int part = 0; part < partitions; part++) {
                        var context = new ExecutionContext();
                        context.putInt(PART, part);
                        contexts.put(String.valueOf(part), context); // step "<worker>:<part>"
                    }
                    return contexts;
                }).split(manager, partitions);
            }
        };
        return new StepBuilder(name, infra.repository())
                .partitioner(workerName, size -> Map.of())
                .splitter(splitter)
                .step(worker)
                .gridSize(infra.partitions())
                .taskExecutor(infra.partitionExecutor())
                .build();
    }

    private static SignalDetection.SignalRun run(SignalDetection detection, StepExecution execution) {
        long instance = execution.getJobExecution().getJobInstanceId();
        return detection.runOfInstance(instance).orElseThrow(() -> new IllegalStateException(
                "no signal run for job instance " + instance + " (the open step has not run)"));
    }

    private static Map<String, Object> results(SignalRunSummary summary) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("runId", summary.runId());
        results.put("asOf", summary.asOf());
        results.put("reports", summary.reports());
        results.put("pairs", summary.pairs());
        results.put("signals", summary.signals());
        results.put("newSignals", summary.newSignals());
        return results;
    }
}
