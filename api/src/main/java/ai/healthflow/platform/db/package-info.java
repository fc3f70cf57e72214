/** PostgreSQL: the embedded dev server, Liquibase migrations, database availability. */
package ai.healthflow.platform.db;
