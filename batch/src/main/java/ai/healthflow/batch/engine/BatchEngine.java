package ai.healthflow.batch.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs HealthFlow's batch jobs: Spring Batch with its JDBC job repository in the service's PostgreSQL. The
 * schedule, the CLI and the API all come through {@link #launch}, so a run behaves the same whoever asked for it.
 * <p>
 * Restart rule: a job asked for with the same parameters as an earlier run that failed, was stopped, or whose
 * process died (its heartbeat in {@code batch_run_owners} went stale) resumes that run from its last committed chunk
 * in a new execution of the same instance; otherwise a new instance starts (the engine adds a unique {@code run}
 * parameter so a completed job can run again).
 */
public final class BatchEngine implements AutoCloseable {
    /** Identifying parameter the engine adds to make each fresh run its own job instance. */
    public static final String RUN_PARAMETER = "run";
    private static final Logger LOG = LoggerFactory.getLogger(BatchEngine.class);
    /** How many recent instances of a job are searched for an unfinished run with the same parameters. */
    private static final int RESTART_WINDOW = 50;

    private final Map<String, JobDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final BatchSettings settings;
    private final JobInfrastructure infrastructure;
    private final JobRepository repository;
    private final TaskExecutorJobOperator operator;
    private final RunOwnership ownership;
    private final Set<Long> owned = ConcurrentHashMap.newKeySet();
    private final ExecutorService runExecutor;
    private final ExecutorService partitionExecutor;
    private final ScheduledExecutorService heartbeat;
    private final List<RunListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told when an execution this process ran has ended (completed, failed or stopped). */
    public interface RunListener {
        void ended(JobRun run);
    }

    public BatchEngine(DataSource dataSource, Clock clock, Path workDirectory, BatchSettings settings,
                       List<JobDefinition> definitions) {
        this.settings = settings;
        this.ownership = new RunOwnership(dataSource, settings.owner());
        try {
            var transactionManager = new JdbcTransactionManager(dataSource);
            var factory = new JdbcJobRepositoryFactoryBean();
            factory.setDataSource(dataSource);
            factory.setTransactionManager(transactionManager);
            factory.setDatabaseType("POSTGRES");
            factory.afterPropertiesSet();
            this.repository = factory.getObject();
            this.partitionExecutor = Executors.newFixedThreadPool(settings.partitions(), daemon("batch-partition-"));
            this.infrastructure = new JobInfrastructure(repository, transactionManager, dataSource, clock,
                    new TaskExecutorAdapter(partitionExecutor), settings.partitions(), workDirectory);
            var registry = new MapJobRegistry();
            for (JobDefinition definition : definitions) {
                Job job = definition.build(infrastructure);
                if (!job.getName().equals(definition.name())) {
                    throw new IllegalStateException("Job '" + definition.name() + "' builds a job named '" + job.getName() + "'");
                }
                registry.register(job);
                this.definitions.put(definition.name(), definition);
                this.jobs.put(definition.name(), job);
            }
            this.runExecutor = Executors.newFixedThreadPool(settings.concurrentRuns(), daemon("batch-run-"));
            this.operator = new TaskExecutorJobOperator();
            operator.setJobRepository(repository);
            operator.setJobRegistry(registry);
            operator.setTaskExecutor(new TaskExecutorAdapter(runExecutor));
            operator.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the batch engine: " + e.getMessage(), e);
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("batch-heartbeat-"));
        long every = settings.heartbeatEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    public List<JobDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    public JobInfrastructure infrastructure() {
        return infrastructure;
    }

    public void addListener(RunListener listener) {
        listeners.add(listener);
    }

    /**
     * Starts the job (or resumes its unfinished run with the same parameters) and returns at once; the run goes on
     * in the background of this process.
     *
     * @throws UnknownJob            no such job
     * @throws InvalidJobParameters  a parameter is wrong
     * @throws JobAlreadyRunning     the same job and parameters are running now, here or elsewhere
     */
    public synchronized JobRun launch(String jobName, Map<String, String> given) {
        JobDefinition definition = definition(jobName);
        JobParameters wanted = definition.parameters(given == null ? Map.of() : given, infrastructure);
        Optional<JobExecution> unfinished = unfinished(jobName, wanted);
        try {
            JobExecution execution;
            if (unfinished.isPresent()) {
                JobExecution previous = unfinished.get();
                LOG.info("Resuming {} run {} as a new execution of instance {}", jobName, previous.getId(),
                        previous.getJobInstanceId());
                execution = operator.restart(previous);
            } else {
                JobParameters fresh = new JobParametersBuilder(wanted)
                        .addString(RUN_PARAMETER, Instant.now(infrastructure.clock()) + "/" + java.util.UUID.randomUUID())
                        .toJobParameters();
                execution = operator.start(jobs.get(jobName), fresh);
            }
            // the run may already be over (small jobs): release at once, or keep it beating until it ends
            ownership.claim(execution.getId());
            owned.add(execution.getId());
            beat();
            return run(execution.getId()).orElseThrow();
        } catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException e) {
            throw new JobAlreadyRunning(jobName, unfinished.map(JobExecution::getId).orElse(-1L));
        } catch (org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
                 | org.springframework.batch.core.launch.JobRestartException
                 | org.springframework.batch.core.job.parameters.InvalidJobParametersException e) {
            throw new IllegalStateException("Could not launch " + jobName + ": " + e.getMessage(), e);
        }
    }

    /** Launches and waits for the run to end (the CLI). */
    public JobRun runToEnd(String jobName, Map<String, String> given) throws InterruptedException {
        JobRun run = launch(jobName, given);
        while (run.running()) {
            Thread.sleep(200);
            run = run(run.id()).orElseThrow();
        }
        return run;
    }

    public Optional<JobRun> run(long executionId) {
        try {
            return Optional.ofNullable(repository.getJobExecution(executionId)).map(this::view);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) { // how the JDBC repository says "none"
            return Optional.empty();
        }
    }

    /** The most recent runs of a job, newest first. */
    public List<JobRun> runs(String jobName, int limit) {
        definition(jobName);
        List<JobRun> runs = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(jobName, 0, limit)) {
            for (JobExecution execution : repository.getJobExecutions(instance)) {
                runs.add(view(execution));
            }
        }
        runs.sort(Comparator.comparingLong(JobRun::id).reversed());
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    /**
     * The latest execution of an instance with the same parameters (ignoring the engine's run parameter) when it
     * did not complete: failed, stopped, or running in a process that is gone (recovered here so it can restart).
     *
     * @throws JobAlreadyRunning when it is running in a live process
     */
    private Optional<JobExecution> unfinished(String jobName, JobParameters wanted) {
        for (JobInstance instance : repository.getJobInstances(jobName, 0, RESTART_WINDOW)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null || !sameParameters(last.getJobParameters(), wanted)) {
                continue;
            }
            BatchStatus status = last.getStatus();
            if (last.isRunning()) {
                if (!ownership.abandoned(last.getId(), settings.staleAfter())) {
                    throw new JobAlreadyRunning(jobName, last.getId());
                }
                LOG.warn("{} run {} was left running by a process that is gone; recovering it", jobName, last.getId());
                last = operator.recover(last);
                return Optional.of(last);
            }
            if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
                return Optional.of(last);
            }
            return Optional.empty(); // completed or abandoned: start afresh
        }
        return Optional.empty();
    }

    private static boolean sameParameters(JobParameters actual, JobParameters wanted) {
        Map<String, Object> a = values(actual);
        a.remove(RUN_PARAMETER);
        return a.equals(values(wanted));
    }

    private static Map<String, Object> values(JobParameters parameters) {
        Map<String, Object> values = new TreeMap<>();
        for (JobParameter<?> p : parameters.parameters()) {
            if (p.identifying()) {
                values.put(p.name(), p.value());
            }
        }
        return values;
    }

    private JobDefinition definition(String jobName) {
        JobDefinition definition = definitions.get(jobName);
        if (definition == null) {
            throw new UnknownJob(jobName);
        }
        return definition;
    }

    private void beat() {
        try {
            for (Long id : List.copyOf(owned)) {
                JobExecution execution = repository.getJobExecution(id);
                if (execution == null || !execution.isRunning()) {
                    owned.remove(id);
                    ownership.release(id);
                    if (execution != null) {
                        JobRun run = view(execution);
                        listeners.forEach(l -> notify(l, run));
                    }
                }
            }
            ownership.beat(owned);
        } catch (RuntimeException e) {
            LOG.warn("Batch heartbeat failed: {}", e.getMessage());
        }
    }

    private static void notify(RunListener listener, JobRun run) {
        try {
            listener.ended(run);
        } catch (RuntimeException e) {
            LOG.warn("A batch run listener failed: {}", e.getMessage());
        }
    }

    private JobRun view(JobExecution execution) {
        Map<String, String> parameters = new TreeMap<>();
        for (JobParameter<?> p : execution.getJobParameters().parameters()) {
            parameters.put(p.name(), String.valueOf(p.value()));
        }
        List<JobRun.Step> steps = new ArrayList<>();
        long read = 0, written = 0;
        int completed = 0;
        List<String> errors = new ArrayList<>();
        Map<String, String> results = new TreeMap<>();
        List<StepExecution> stepExecutions = new ArrayList<>(execution.getStepExecutions());
        stepExecutions.sort(Comparator.comparingLong(StepExecution::getId));
        for (StepExecution s : stepExecutions) {
            steps.add(new JobRun.Step(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(),
                    s.getCommitCount(), s.getRollbackCount(), s.getSkipCount(), instant(s.getStartTime()),
                    instant(s.getEndTime()), duration(s.getStartTime(), s.getEndTime())));
            s.getExecutionContext().entrySet().stream()
                    .filter(e -> e.getKey().startsWith(JobRun.RESULT_PREFIX))
                    .forEach(e -> results.put(e.getKey().substring(JobRun.RESULT_PREFIX.length()), String.valueOf(e.getValue())));
            read += s.getReadCount();
            written += s.getWriteCount();
            if (s.getStatus() == BatchStatus.COMPLETED) {
                completed++;
            }
            firstLine(s.getExitStatus().getExitDescription()).ifPresent(line -> errors.add(s.getStepName() + ": " + line));
        }
        if (errors.isEmpty()) {
            firstLine(execution.getExitStatus().getExitDescription()).ifPresent(errors::add);
        }
        Long restartOf = null;
        if (execution.getJobInstance() != null) {
            restartOf = repository.getJobExecutions(execution.getJobInstance()).stream()
                    .map(JobExecution::getId).filter(id -> id < execution.getId())
                    .max(Long::compare).orElse(null);
        }
        return new JobRun(execution.getId(), execution.getJobInstanceId(),
                execution.getJobInstance() == null ? null : execution.getJobInstance().getJobName(),
                execution.getStatus().name(), execution.getExitStatus().getExitCode(), parameters,
                instant(execution.getCreateTime()), instant(execution.getStartTime()), instant(execution.getEndTime()),
                duration(execution.getStartTime(), execution.getEndTime()), restartOf, completed, read, written,
                steps, results, errors);
    }

    /** Exit descriptions of failures carry stack traces: keep the first line (exception and message) only. */
    private static Optional<String> firstLine(String description) {
        if (description == null || description.isBlank()) {
            return Optional.empty();
        }
        String line = description.strip().lines().findFirst().orElse("");
        return Optional.of(line.length() > 500 ? line.substring(0, 500) + "…" : line);
    }

    /** Spring Batch keeps local times of the JVM's zone, which is UTC in every HealthFlow process. */
    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static Long duration(LocalDateTime start, LocalDateTime end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops taking work. Runs still going are left to be recovered: their heartbeat stops, and the next launch of
     * the same job and parameters (any replica) resumes them from their last committed chunk.
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        runExecutor.shutdownNow();
        partitionExecutor.shutdownNow();
    }
}
