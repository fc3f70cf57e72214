package ai.healthflow.batch.engine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A job that is one piece of work (verify the audit chain, clean up expired files): the service supplies the work
 * as a plain function, so it needs no Spring Batch types of its own. What the work returns is kept with the run
 * ({@link JobRun#results()}); throwing fails the run.
 */
public final class OneStepJob implements JobDefinition {
    /** The work; its answer (counts, findings) is shown with the run. */
    @FunctionalInterface
    public interface Work {
        Map<String, Object> run(Map<String, String> parameters) throws Exception;
    }

    private final String name;
    private final String description;
    private final Set<String> parameterNames;
    private final Work work;

    public OneStepJob(String name, String description, Set<String> parameterNames, Work work) {
        this.name = name;
        this.description = description;
        this.parameterNames = new TreeSet<>(parameterNames);
        this.work = work;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Job build(JobInfrastructure infrastructure) {
        var step = new StepBuilder(name, infrastructure.repository())
                .tasklet((contribution, context) -> {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    for (JobParameter<?> p : context.getStepContext().getStepExecution().getJobParameters().parameters()) {
                        if (parameterNames.contains(p.name())) {
                            parameters.put(p.name(), String.valueOf(p.value()));
                        }
                    }
                    Map<String, Object> results = work.run(parameters);
                    var executionContext = context.getStepContext().getStepExecution().getExecutionContext();
                    results.forEach((key, value) -> executionContext.put(JobRun.RESULT_PREFIX + key, String.valueOf(value)));
                    return RepeatStatus.FINISHED;
                }, infrastructure.transactionManager())
                .build();
        return new JobBuilder(name, infrastructure.repository()).start(step).build();
    }

    @Override
    public JobParameters parameters(Map<String, String> given, JobInfrastructure infrastructure) {
        List<InvalidJobParameters.Problem> problems = new ArrayList<>();
        var builder = new JobParametersBuilder();
        given.forEach((key, value) -> {
            if (parameterNames.contains(key)) {
                builder.addString(key, value);
            } else {
                problems.add(new InvalidJobParameters.Problem(key, parameterNames.isEmpty()
                        ? "this job takes no parameters" : "unknown parameter; known: " + String.join(", ", parameterNames)));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidJobParameters(problems);
        }
        return builder.toJobParameters();
    }
}
