/** Shared plumbing every feature uses the same way: errors, HTTP filters, JSON style, pagination, auth, database. */
package ai.healthflow.platform;
