/** System: build information and the super admin's status page. */
package ai.healthflow.system;
