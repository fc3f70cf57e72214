/**
 * Batch jobs in the service: the catalog of jobs, the engine and scheduler of this process with their pool
 * (BatchRuntime), the {@code batch} CLI command and the {@code /api/v2/batch/jobs} API. The jobs and the engine
 * themselves live in the batch module.
 */
package ai.healthflow.jobs;
