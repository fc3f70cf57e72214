/**
 * E-prescriptions: checked before saving (interactions among the items and with the patient's active
 * prescriptions, allergies, withdrawn or recalled medicines), identified by a short code and a signed QR payload,
 * dispensed exactly once per unit by pharmacies (row lock), expired by a scheduled job.
 */
package ai.healthflow.prescription;
