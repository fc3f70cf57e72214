/**
 * The monthly safety summaries the {@code safety-summary} job writes: listed and downloaded by the regulator
 * (national data, reports:read held globally), and the officers' notification when a month is ready.
 */
package ai.healthflow.safetysummary;
