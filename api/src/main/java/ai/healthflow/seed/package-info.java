/** {@code seed --production}: roles verified, first super admin, interaction knowledge base and pharmacy directory, idempotently. */
package ai.healthflow.seed;
