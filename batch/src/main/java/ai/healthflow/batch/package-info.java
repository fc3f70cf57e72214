/**
 * Batch: Spring Batch jobs (analytics, signal detection, report export) and their renderers. Talks to PostgreSQL
 * through JDBC and table names only; Spring stays inside this module.
 */
package ai.healthflow.batch;
