/**
 * Notifications: the in-app inbox (English and Arabic, picked by {@code Accept-Language}), bulk fan-out to the
 * members of many tenants, and the real-time stream (Server-Sent Events woken by PostgreSQL NOTIFY, resumable
 * from the last event id).
 */
package ai.healthflow.notification;
