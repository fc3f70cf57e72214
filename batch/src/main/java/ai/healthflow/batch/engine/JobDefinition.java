package ai.healthflow.batch.engine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;

import java.util.Map;

/**
 * One batch job of HealthFlow (analytics-daily, signal-detection, report-export, safety-summary, …). The engine
 * runs every definition the same way whether the run comes from the schedule, the CLI or the
 * API; a definition only says what the job is and which parameters it accepts.
 */
public interface JobDefinition {
    /** The job's name as used in the CLI, the API path and the schedule configuration, e.g. {@code analytics-daily}. */
    String name();

    /** One sentence for `batch list`, the API and the docs. */
    String description();

    /** Builds the Spring Batch job from the shared infrastructure (called once when the engine starts). */
    Job build(JobInfrastructure infrastructure);

    /**
     * Turns the caller's key=value pairs into the job's identifying parameters (the same parameters name the same
     * job instance, so a failed or killed run of them is restarted instead of started afresh).
     *
     * @throws InvalidJobParameters naming each wrong or unknown key
     */
    JobParameters parameters(Map<String, String> given, JobInfrastructure infrastructure);
}
