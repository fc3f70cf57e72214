/** Health: liveness, readiness and the detailed component report, for orchestrators and the super admin. */
package ai.healthflow.health;
