/** The OpenAPI 3 description generated from the resources, and a browsable page over it. */
package ai.healthflow.apidocs;
