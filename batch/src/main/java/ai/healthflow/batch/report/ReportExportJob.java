package ai.healthflow.batch.report;

import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.JobInfrastructure;
import ai.healthflow.batch.engine.JobRun;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code report-export}: renders one requested report (a report_requests row) to XLSX, PDF or CSV under
 * HEALTHFLOW_HOME/reports. One parameter, {@code requestId}. The request row carries the definition, format,
 * language, parameters and the requester's data scope; the job records progress, row count and size there, and
 * writes the step's write count. A request that cannot be served ends the request as failed and the run FAILED.
 */
public final class ReportExportJob implements JobDefinition {
    public static final String NAME = "report-export";
    public static final String REQUEST_ID = "requestId";

    private final ReportCatalog catalog;
    private final Path directory;
    private final ZoneId zone;
    private final Duration retention;
    private final String readRole;

    /**
     * @param directory where finished files go (HEALTHFLOW_HOME/reports)
     * @param zone      the reports' zone
     * @param retention how long files and requests are kept
     * @param readRole  the role report queries read as, so row-level security applies (the batch pool connects as
     *                  the tables' owner); null to read as the pool's user
     */
    public ReportExportJob(ReportCatalog catalog, Path directory, ZoneId zone, Duration retention, String readRole) {
        this.catalog = catalog;
        this.directory = directory;
        this.zone = zone;
        this.retention = retention;
        this.readRole = readRole;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Renders a requested report (requestId) to XLSX, PDF or CSV under HEALTHFLOW_HOME/reports.";
    }

    @Override
    public Job build(JobInfrastructure infrastructure) {
        var export = new ReportExport(infrastructure.dataSource(), catalog, directory, infrastructure.clock(), zone,
                retention, readRole);
        var step = new StepBuilder("render-report", infrastructure.repository())
                .tasklet((contribution, chunk) -> {
                    String id = chunk.getStepContext().getStepExecution().getJobParameters().getString(REQUEST_ID);
                    ReportExport.Outcome outcome = export.run(UUID.fromString(id));
                    contribution.incrementWriteCount(outcome.rows());
                    var results = chunk.getStepContext().getStepExecution().getExecutionContext();
                    results.putString(JobRun.RESULT_PREFIX + "status", outcome.status());
                    results.putString(JobRun.RESULT_PREFIX + "rows", Long.toString(outcome.rows()));
                    results.putString(JobRun.RESULT_PREFIX + "sizeBytes", Long.toString(outcome.sizeBytes()));
                    if (outcome.status().equals("failed")) {
                        throw new IllegalStateException("report " + id + " failed: " + outcome.error());
                    }
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager()) // the export commits its own short transactions
                .build();
        return new JobBuilder(NAME, infrastructure.repository()).start(step).build();
    }

    @Override
    public JobParameters parameters(Map<String, String> given, JobInfrastructure infrastructure) {
        List<InvalidJobParameters.Problem> problems = new ArrayList<>();
        given.keySet().stream().filter(key -> !key.equals(REQUEST_ID)).forEach(key ->
                problems.add(new InvalidJobParameters.Problem(key, "is not a parameter of report-export (only requestId)")));
        String id = given.get(REQUEST_ID);
        if (id == null || id.isBlank()) {
            problems.add(new InvalidJobParameters.Problem(REQUEST_ID, "is required: the id of a report request"));
        } else {
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidJobParameters.Problem(REQUEST_ID, "must be a UUID"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobParameters(problems);
        }
        return new JobParametersBuilder().addString(REQUEST_ID, id.strip(), true).toJobParameters();
    }
}
