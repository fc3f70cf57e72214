/** Outgoing email: a transactional outbox in PostgreSQL, delivered over SMTP by a background dispatcher. */
package ai.healthflow.email;
