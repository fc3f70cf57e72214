/**
 * The batch engine: a small Spring Batch setup (JDBC job repository in the service's PostgreSQL) that runs every
 * {@link ai.healthflow.batch.engine.JobDefinition} from the schedule, the CLI or the API, and restarts runs that were
 * killed. Spring stays inside this module; the service wires the engine by hand.
 */
package ai.healthflow.batch.engine;
