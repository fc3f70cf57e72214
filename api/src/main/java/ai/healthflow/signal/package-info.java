/**
 * Pharmacovigilance signals for the regulator: {@code /api/v2/analytics/signals} reads what the signal-detection
 * batch job computed ({@code batch/.../signal}); {@link ai.healthflow.signal.SignalNotifications} tells the EDA's
 * officers about new signals when a run completes.
 */
package ai.healthflow.signal;
