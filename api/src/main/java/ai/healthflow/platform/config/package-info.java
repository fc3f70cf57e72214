/** Nested configuration objects, one per subsystem, and the production secret policy. */
package ai.healthflow.platform.config;
