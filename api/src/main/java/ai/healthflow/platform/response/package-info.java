/** The success envelope and the one pagination and sorting convention. */
package ai.healthflow.platform.response;
