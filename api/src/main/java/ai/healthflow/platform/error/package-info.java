/** Domain exceptions and the single mapping of every failure to RFC 9457 problem+json. */
package ai.healthflow.platform.error;
