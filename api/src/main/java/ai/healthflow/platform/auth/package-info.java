/** Bearer-token authentication plumbing: the caller, tokens, permissions and their declaration on resources. */
package ai.healthflow.platform.auth;
