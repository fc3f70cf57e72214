/** Audit: the append-only, hash-chained trail of every change, security event and read of patient data. */
package ai.healthflow.audit;
