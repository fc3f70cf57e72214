/** Tenants: the regulator, hospitals, clinics, pharmacies and chains that use HealthFlow. */
package ai.healthflow.tenant;
