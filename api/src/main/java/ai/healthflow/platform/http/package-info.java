/** Servlet-level HTTP conventions: request ids, security headers, CORS, rate limits, body limits, metrics. */
package ai.healthflow.platform.http;
