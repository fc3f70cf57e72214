package ai.healthflow.jobs;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobAlreadyRunning;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.batch.engine.Schedule;
import ai.healthflow.batch.engine.UnknownJob;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.ApiResponse;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch jobs over HTTP for operators: which jobs exist and when they are scheduled, start a run (or resume an
 * unfinished one with the same parameters), follow a run's status, progress, counts, timings and errors.
 */
@Path("/api/v2/batch/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "System")
public final class BatchJobResource {
    private final BatchEngine engine;
    private final List<Schedule> schedules;
    private final AuditLog audit;
    private final Db db;

    public BatchJobResource(BatchEngine engine, List<Schedule> schedules, AuditLog audit, Db db) {
        this.engine = engine;
        this.schedules = schedules;
        this.audit = audit;
        this.db = db;
    }

    /** @param schedules the cron schedules of this job in this deployment's configuration */
    public record JobView(String name, String description, List<ScheduleView> schedules) {
    }

    public record ScheduleView(String cron, String zone, Map<String, String> parameters) {
    }

    /** @param parameters the job's parameters as key=value pairs (see each job in docs/batch.md) */
    public record RunRequest(Map<String, String> parameters) {
    }

    @GET
    @RolesAllowed("system:read")
    @Operation(summary = "The batch jobs with their schedules")
    public ApiResponse<List<JobView>> jobs() {
        return ApiResponse.of(engine.definitions().stream().map(this::view).toList());
    }

    @POST
    @Path("{job}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("system:write")
    @Operation(summary = "Start a run (202); a failed or interrupted run with the same parameters is resumed instead")
    public Response start(@Auth Caller caller, @Context HttpServletRequest http, @PathParam("job") String job,
                          RunRequest request) {
        Map<String, String> parameters = request == null || request.parameters() == null ? Map.of() : request.parameters();
        JobRun run;
        try {
            run = engine.launch(job, parameters);
        } catch (UnknownJob e) {
            throw new JobNotFound(job);
        } catch (InvalidJobParameters e) {
            throw new ValidationFailed(e.problems().stream()
                    .map(p -> new FieldError("parameters." + p.parameter(), p.message())).toList());
        } catch (JobAlreadyRunning e) {
            throw new RunInProgress(job, e.executionId());
        }
        var changes = new LinkedHashMap<String, Object>();
        changes.put("job", job);
        changes.put("parameters", parameters);
        changes.put("restartOf", run.restartOf());
        JobRun started = run;
        db.acrossTenants(handle -> audit.record(handle, Actor.of(caller, http),
                AuditEvent.of("batch.run_started", "batch_run", String.valueOf(started.id()), null).withChanges(changes)));
        return Response.accepted(ApiResponse.of(run))
                .location(URI.create("/api/v2/batch/jobs/" + job + "/runs/" + run.id())).build();
    }

    @GET
    @Path("{job}/runs")
    @RolesAllowed("system:read")
    @Operation(summary = "Recent runs of a job, newest first")
    public ApiResponse<List<JobRun>> runs(@PathParam("job") String job, @QueryParam("size") String size) {
        PageRequest page = PageRequest.parse(null, size, null);
        try {
            List<JobRun> runs = engine.runs(job, page.size());
            return ApiResponse.of(new Page<>(runs, page, runs.size()));
        } catch (UnknownJob e) {
            throw new JobNotFound(job);
        }
    }

    @GET
    @Path("{job}/runs/{id}")
    @RolesAllowed("system:read")
    @Operation(summary = "One run: status, progress (steps completed, items read and written), timings, results, errors")
    public ApiResponse<JobRun> run(@PathParam("job") String job, @PathParam("id") String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidParameter("id", "must be a run number");
        }
        return ApiResponse.of(engine.run(runId).filter(r -> job.equals(r.job()))
                .orElseThrow(() -> new RunNotFound(job, runId)));
    }

    private JobView view(JobDefinition definition) {
        return new JobView(definition.name(), definition.description(), schedules.stream()
                .filter(s -> s.job().equals(definition.name()))
                .map(s -> new ScheduleView(s.cron().toString(), s.zone().getId(), s.parameters()))
                .toList());
    }

    static final class JobNotFound extends ApiException {
        JobNotFound(String job) {
            super(404, "batch-job-not-found", "Batch job not found", "There is no batch job named '" + job + "'.");
        }
    }

    static final class RunNotFound extends ApiException {
        RunNotFound(String job, long id) {
            super(404, "batch-run-not-found", "Batch run not found", "Job '" + job + "' has no run " + id + ".");
        }
    }

    static final class RunInProgress extends ApiException {
        private final long runId;

        RunInProgress(String job, long runId) {
            super(409, "batch-run-in-progress", "Run in progress",
                    "Job '" + job + "' with these parameters is running now (run " + runId + "); follow that run.");
            this.runId = runId;
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("runId", runId);
        }
    }
}
