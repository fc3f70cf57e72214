/**
 * The analytics-daily job: per day × tenant × medicine (with governorate and ATC levels 1–3) facts built in SQL
 * inside PostgreSQL, one day per transaction, only the days not yet built or changed since, partitioned across
 * the cores. {@link ai.healthflow.batch.analytics.DailyFactsBuilder} and
 * {@link ai.healthflow.batch.analytics.DayPlanner} do the work over plain JDBC;
 * {@link ai.healthflow.batch.analytics.AnalyticsDailyJob} wires them into Spring Batch.
 */
package ai.healthflow.batch.analytics;
