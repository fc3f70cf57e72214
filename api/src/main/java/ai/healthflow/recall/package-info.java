/**
 * Recalls: the regulator's recall of a medicine (some batches or all), its workflow (draft → active →
 * completed, or cancelled), the background fan-out on activation (an acknowledgement task per pharmacy and
 * hospital tenant, in-app and push notifications, emails) and the tenants' acknowledgements.
 */
package ai.healthflow.recall;
