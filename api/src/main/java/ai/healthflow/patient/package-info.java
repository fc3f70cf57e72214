/**
 * Patients: registration with the Egyptian national ID checked, allergies and chronic conditions, search by name
 * in either script, national ID or phone. Tenant-owned; every read of a patient is audited.
 */
package ai.healthflow.patient;
