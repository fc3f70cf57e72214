package ai.healthflow.batch.engine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

/**
 * A job for testing the engine: writes items 1..size into {@code range_output} in chunks of 10, slowly when asked
 * ({@code delayMs} per chunk), and fails at item {@code failAt} in the first execution of an instance (not in its restarts).
 */
final class RangeJob implements JobDefinition {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS range_output (tag text NOT NULL, item int NOT NULL, execution_id bigint NOT NULL);
            """;

    @Override
    public String name() {
        return "range";
    }

    @Override
    public String description() {
        return "Writes a range of numbers (engine tests)";
    }

    @Override
    public Job build(JobInfrastructure infra) {
        var jdbc = new JdbcTemplate(infra.dataSource());
        var step = new StepBuilder("write-range", infra.repository())
                .<Integer, Integer>chunk(10, infra.transactionManager())
                .reader(new RangeReader())
                .processor(item -> {
                    var execution = org.springframework.batch.core.scope.context.StepSynchronizationManager.getContext()
                            .getStepExecution().getJobExecution();
                    long failAt = execution.getJobParameters().getLong("failAt");
                    boolean firstExecution = infra.repository().getJobExecutions(execution.getJobInstance()).size() == 1;
                    if (firstExecution && item == failAt) {
                        throw new IllegalStateException("planned failure at item " + item);
                    }
                    return item;
                })
                .writer(new RangeWriter(jdbc))
                .build();
        return new JobBuilder(name(), infra.repository()).start(step).build();
    }

    @Override
    public JobParameters parameters(Map<String, String> given, JobInfrastructure infra) {
        for (String key : given.keySet()) {
            if (!key.equals("tag") && !key.equals("size") && !key.equals("delayMs") && !key.equals("failAt")) {
                throw InvalidJobParameters.of(key, "unknown parameter; known: tag, size, delayMs, failAt");
            }
        }
        return new JobParametersBuilder()
                .addString("tag", given.getOrDefault("tag", "t"))
                .addLong("size", number(given, "size", 100))
                .addLong("delayMs", number(given, "delayMs", 0), false)
                .addLong("failAt", number(given, "failAt", -1), false)
                .toJobParameters();
    }

    private static long number(Map<String, String> given, String key, long otherwise) {
        String value = given.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw InvalidJobParameters.of(key, "must be a whole number");
        }
    }

    /** Reads 1..size; remembers the next item in the step's execution context, which commits with each chunk. */
    private static final class RangeReader implements ItemStreamReader<Integer> {
        private int next;
        private long size;
        private long delay;

        @Override
        public void open(ExecutionContext context) {
            next = context.containsKey("next") ? context.getInt("next") : 1;
        }

        @Override
        public void update(ExecutionContext context) {
            context.putInt("next", next);
        }

        @Override
        public Integer read() throws InterruptedException {
            if (size == 0) {
                var params = org.springframework.batch.core.scope.context.StepSynchronizationManager.getContext()
                        .getStepExecution().getJobParameters();
                size = params.getLong("size");
                delay = params.getLong("delayMs");
            }
            if (next > size) {
                return null;
            }
            if (delay > 0 && next % 10 == 1) {
                Thread.sleep(delay);
            }
            return next++;
        }
    }

    private record RangeWriter(JdbcTemplate jdbc) implements ItemWriter<Integer> {
        @Override
        public void write(Chunk<? extends Integer> chunk) {
            long execution = org.springframework.batch.core.scope.context.StepSynchronizationManager.getContext()
                    .getStepExecution().getJobExecutionId();
            String tag = org.springframework.batch.core.scope.context.StepSynchronizationManager.getContext()
                    .getStepExecution().getJobParameters().getString("tag");
            jdbc.batchUpdate("INSERT INTO range_output (tag, item, execution_id) VALUES (?, ?, ?)",
                    chunk.getItems().stream().map(i -> new Object[]{tag, i, execution}).toList());
        }
    }
}
