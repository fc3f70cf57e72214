/**
 * Report schedules: a report requested again at each firing of a cron expression on its owner's behalf, and its
 * download link emailed to the recipients once rendered. Firing and delivery are claimed in the database, so with
 * several replicas each happens once.
 */
package ai.healthflow.report.schedule;
