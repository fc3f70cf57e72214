/**
 * The monthly safety summary: the {@code safety-summary} report definition rendered as PDF in English and Arabic
 * for one month ({@link ai.healthflow.batch.safety.SafetySummary}), the files it leaves under
 * HEALTHFLOW_HOME/reports/safety-summaries ({@link ai.healthflow.batch.safety.SafetySummaryFiles}) and the
 * {@code safety-summary} job ({@link ai.healthflow.batch.safety.SafetySummaryJob}). See docs/batch.md.
 */
package ai.healthflow.batch.safety;
