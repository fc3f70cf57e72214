/**
 * Analytics API (issue #7): system KPIs and trends, prescriptions and adverse events by time, governorate, tenant,
 * medicine or ATC level, served from the facts the analytics-daily job builds (ai.healthflow.batch.analytics), with
 * a Caffeine cache per caller scope and question.
 */
package ai.healthflow.analytics;
