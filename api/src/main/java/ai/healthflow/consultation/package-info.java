/** Consultations: a patient seen by a doctor of the same hospital or clinic, scheduled → in progress → completed or cancelled. */
package ai.healthflow.consultation;
