/** Metrics of the process as a whole; each feature registers its own next to its code. */
package ai.healthflow.platform.metrics;
