/**
 * Push delivery of notifications to phones and browsers: devices registered by users, an outbox filled from the
 * notifications feed in commit order ({@link ai.healthflow.push.PushFanout}), and a dispatcher that sends it
 * through Firebase Cloud Messaging with retries ({@link ai.healthflow.push.PushDispatcher}).
 */
package ai.healthflow.push;
