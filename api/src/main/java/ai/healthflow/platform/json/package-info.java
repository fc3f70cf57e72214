/** The one JSON style of the API. */
package ai.healthflow.platform.json;
