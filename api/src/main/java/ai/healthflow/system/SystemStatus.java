package ai.healthflow.system;

import ai.healthflow.platform.db.Migrations;

import java.time.Instant;

/** Body of {@code GET /api/v2/system/status}. */
public record SystemStatus(String version, String buildTime, Instant startedAt, long uptimeSeconds,
                           String javaVersion, String databaseVersion, Migrations.MigrationState migrations) {
}
