/** The Spring Batch job repository as seen from outside: schema location and a status probe for health checks. */
package ai.healthflow.batch.repository;
