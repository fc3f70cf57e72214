/** Adverse-event reports (pharmacovigilance ICSRs): submission, follow-up versions, assessment workflow, E2B(R3) export. */
package ai.healthflow.adverseevent;
