package ai.healthflow.batch.analytics;

import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.JobInfrastructure;
import ai.healthflow.batch.engine.JobRun;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code analytics-daily}: rebuilds the daily analytics facts (issue #7). Without parameters it builds the days
 * {@link DayPlanner} selects (not built, changed, or still open); with {@code from} and/or {@code to} (ISO dates,
 * Cairo days) it rebuilds every day of that range whatever its state.
 *
 * <p>Shape: one partitioned step. The partitioner plans the days and deals them into one partition per core; each
 * partition is a chunk step reading one day per chunk and rebuilding it in the chunk's transaction (delete +
 * INSERT … SELECT, see {@link DailyFactsBuilder}), together with the partition's position in its day list. A killed
 * run therefore resumes with exactly the days it had not committed, and since a rebuild replaces its day whole,
 * the result equals an uninterrupted run.
 */
public final class AnalyticsDailyJob implements JobDefinition {
    public static final String NAME = "analytics-daily";
    static final String DAYS = "days";
    static final String NEXT = "next";
    /** Longest explicit range: ten years. */
    static final int MAX_RANGE_DAYS = 3660;

    private final DailyFactsBuilder builder = new DailyFactsBuilder();
    private final DayPlanner planner = new DayPlanner();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Daily analytics facts per day × tenant × governorate × medicine (ATC levels 1-3): builds the days "
                + "not yet built or changed since, or every day from..to when given";
    }

    @Override
    public Job build(JobInfrastructure infrastructure) {
        DataSource dataSource = infrastructure.dataSource();
        Step buildDay = new StepBuilder("analytics-build-day", infrastructure.repository())
                .<LocalDate, LocalDate>chunk(1)
                .transactionManager(infrastructure.transactionManager())
                .reader(new DayReader())
                .writer(new DayWriter(dataSource, builder))
                .build();
        Step buildDays = new StepBuilder("analytics-build-days", infrastructure.repository())
                .partitioner(buildDay.getName(), new DayPartitioner(dataSource, planner))
                .step(buildDay)
                .gridSize(infrastructure.partitions())
                .taskExecutor(infrastructure.partitionExecutor())
                .build();
        return new JobBuilder(NAME, infrastructure.repository()).start(buildDays).build();
    }

    /**
     * {@code from} and {@code to} (both optional, ISO dates): when either is given the run rebuilds that range, one
     * day alone when only one is; {@code to} must not be after today in Cairo. They identify the run, so asking
     * again for the same range after a failure resumes it.
     */
    @Override
    public JobParameters parameters(Map<String, String> given, JobInfrastructure infrastructure) {
        List<InvalidJobParameters.Problem> problems = new ArrayList<>();
        for (String key : given.keySet()) {
            if (!Set.of("from", "to").contains(key)) {
                problems.add(new InvalidJobParameters.Problem(key, "unknown parameter; known: from, to"));
            }
        }
        LocalDate from = date(given, "from", problems);
        LocalDate to = date(given, "to", problems);
        if (problems.isEmpty() && (from != null || to != null)) {
            from = from == null ? to : from;
            to = to == null ? from : to;
            LocalDate today = AnalyticsCalendar.today(infrastructure.clock());
            if (from.isAfter(to)) {
                problems.add(new InvalidJobParameters.Problem("from", "must not be after to"));
            } else if (to.isAfter(today)) {
                problems.add(new InvalidJobParameters.Problem("to", "must not be after today (" + today + ", Africa/Cairo)"));
            } else if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_RANGE_DAYS) {
                problems.add(new InvalidJobParameters.Problem("from", "the range may span at most " + MAX_RANGE_DAYS + " days"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobParameters(problems);
        }
        var parameters = new JobParametersBuilder();
        if (from != null) {
            parameters.addString("from", from.toString()).addString("to", to.toString());
        }
        return parameters.toJobParameters();
    }

    private static LocalDate date(Map<String, String> given, String key, List<InvalidJobParameters.Problem> problems) {
        String value = given.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new InvalidJobParameters.Problem(key, "must be a date such as 2026-11-22"));
            return null;
        }
    }

    /**
     * Plans the run and deals its days into the partitions' execution contexts. On a restart Spring Batch asks only
     * for the partition names and gives each unfinished partition its stored context back (days and position), so
     * the plan of the interrupted run is finished, not replaced.
     */
    static final class DayPartitioner implements Partitioner, PartitionNameProvider {
        private final DataSource dataSource;
        private final DayPlanner planner;

        DayPartitioner(DataSource dataSource, DayPlanner planner) {
            this.dataSource = dataSource;
            this.planner = planner;
        }

        @Override
        public Collection<String> getPartitionNames(int gridSize) {
            return IntStream.range(0, gridSize).mapToObj(i -> "partition" + i).toList();
        }

        @Override
        public Map<String, ExecutionContext> partition(int gridSize) {
            StepExecution manager = StepSynchronizationManager.getContext().getStepExecution();
            String from = manager.getJobParameters().getString("from");
            String to = manager.getJobParameters().getString("to");
            List<LocalDate> days;
            if (from != null) {
                days = DayPlanner.range(LocalDate.parse(from), LocalDate.parse(to));
            } else {
                try (Connection connection = dataSource.getConnection()) {
                    days = planner.changedOrUnbuilt(connection);
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not plan the analytics days: " + e.getMessage(), e);
                }
            }
            // what the run reports (JobRun.results): how many days, and the oldest and newest
            manager.getExecutionContext().putInt(JobRun.RESULT_PREFIX + "days", days.size());
            if (!days.isEmpty()) {
                manager.getExecutionContext().putString(JobRun.RESULT_PREFIX + "newestDay", days.getFirst().toString());
                manager.getExecutionContext().putString(JobRun.RESULT_PREFIX + "oldestDay", days.getLast().toString());
            }
            List<List<LocalDate>> parts = DayPlanner.split(days, gridSize);
            Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
            List<String> names = List.copyOf(getPartitionNames(gridSize));
            for (int i = 0; i < gridSize; i++) {
                var context = new ExecutionContext();
                context.putString(DAYS, parts.get(i).stream().map(LocalDate::toString).collect(Collectors.joining(",")));
                context.putInt(NEXT, 0);
                contexts.put(names.get(i), context);
            }
            return contexts;
        }
    }

    /**
     * The partition's days in order; its position commits with each day (the chunk's transaction). The partitions
     * run one step instance on several threads at once (there is no Spring step scope here), so the state is per
     * thread: open, read, update and close of one partition all happen on its thread.
     */
    static final class DayReader implements ItemStreamReader<LocalDate> {
        private static final class Position {
            final List<LocalDate> days;
            int next;

            Position(List<LocalDate> days, int next) {
                this.days = days;
                this.next = next;
            }
        }

        private final ThreadLocal<Position> position = new ThreadLocal<>();

        @Override
        public void open(ExecutionContext context) {
            String list = context.containsKey(DAYS) ? context.getString(DAYS) : "";
            List<LocalDate> days = list.isEmpty() ? List.of() : Arrays.stream(list.split(",")).map(LocalDate::parse).toList();
            position.set(new Position(days, context.containsKey(NEXT) ? context.getInt(NEXT) : 0));
        }

        @Override
        public void update(ExecutionContext context) {
            Position p = position.get();
            if (p != null) {
                context.putInt(NEXT, p.next);
            }
        }

        @Override
        public LocalDate read() {
            Position p = position.get();
            return p == null || p.next >= p.days.size() ? null : p.days.get(p.next++);
        }

        @Override
        public void close() {
            position.remove();
        }
    }

    /** Rebuilds each day on the connection of the chunk's transaction. */
    static final class DayWriter implements ItemWriter<LocalDate> {
        private final DataSource dataSource;
        private final DailyFactsBuilder builder;

        DayWriter(DataSource dataSource, DailyFactsBuilder builder) {
            this.dataSource = dataSource;
            this.builder = builder;
        }

        @Override
        public void write(Chunk<? extends LocalDate> chunk) throws SQLException {
            Long execution = StepSynchronizationManager.getContext().getStepExecution().getJobExecutionId();
            // bound to the transaction the step opened on the same data source: the day commits with the step's
            // record of it, or not at all
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                for (LocalDate day : chunk) {
                    builder.rebuild(connection, day, execution);
                }
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
