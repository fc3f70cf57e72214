/**
 * Pharmacovigilance signal detection: the 2×2 counts of every (active ingredient, reaction term) pair over the
 * national adverse-event reports, counted in PostgreSQL ({@link ai.healthflow.batch.signal.SignalDetection}), the
 * disproportionality figures ({@link ai.healthflow.batch.signal.SignalStatistics}) and the
 * {@code signal-detection} job ({@link ai.healthflow.batch.signal.SignalDetectionJob}). See docs/batch.md.
 */
package ai.healthflow.batch.signal;
