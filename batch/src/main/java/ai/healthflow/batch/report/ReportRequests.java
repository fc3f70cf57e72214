package ai.healthflow.batch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The report_requests table as the export sees it (the service writes the requests; the export claims, updates
 * and finishes them). Each call is one short transaction in the all-tenants scope, on its own connection, so
 * progress is visible while the report's long read-only transaction goes on.
 */
public final class ReportRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A claimed request.
     *
     * @param allTenants the requester may read every tenant's rows (the regulator); otherwise only {@code tenantId}'s
     */
    public record Request(UUID id, UUID requesterId, UUID tenantId, boolean allTenants, String type,
                          ReportFormat format, ReportLanguage language, Map<String, String> params,
                          Instant createdAt) {
    }

    private final DataSource dataSource;

    public ReportRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes a queued request, or a running one whose worker stopped reporting progress for {@code stale} (it died),
     * and marks it running. Empty when it is gone, finished, or another worker has it.
     */
    public Optional<Request> claim(UUID id, Instant now, Duration stale) {
        return inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE report_requests
                       SET status = 'running', started_at = ?, updated_at = ?, progress = 0, row_count = NULL,
                           attempts = attempts + 1, error = NULL
                     WHERE id = ? AND (status = 'queued' OR (status = 'running' AND updated_at < ?))
                    RETURNING id, requester_id, tenant_id, data_scope, type, format, language, params::text, created_at
                    """)) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setTimestamp(2, Timestamp.from(now));
                update.setObject(3, id);
                update.setTimestamp(4, Timestamp.from(now.minus(stale)));
                try (ResultSet row = update.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Request(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getObject(3, UUID.class), row.getString(4).equals("all"), row.getString(5),
                            ReportFormat.parse(row.getString(6)).orElseThrow(),
                            ReportLanguage.parse(row.getString(7)).orElseThrow(), params(row.getString(8)),
                            row.getTimestamp(9).toInstant()));
                }
            }
        });
    }

    /** Whether the request exists, whatever its status. */
    public boolean exists(UUID id) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM report_requests WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** Requests nobody is working on: queued for longer than {@code waiting}, or running without news for {@code stale}. */
    public List<UUID> orphaned(Instant now, Duration waiting, Duration stale) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id FROM report_requests
                     WHERE (status = 'queued' AND updated_at < ?) OR (status = 'running' AND updated_at < ?)
                     ORDER BY created_at LIMIT 100
                    """)) {
                select.setTimestamp(1, Timestamp.from(now.minus(waiting)));
                select.setTimestamp(2, Timestamp.from(now.minus(stale)));
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    public void progress(UUID id, int percent, long rows, Instant now) {
        update("UPDATE report_requests SET progress = ?, row_count = ?, updated_at = ? WHERE id = ? AND status = 'running'",
                statement -> {
                    statement.setInt(1, percent);
                    statement.setLong(2, rows);
                    statement.setTimestamp(3, Timestamp.from(now));
                    statement.setObject(4, id);
                });
    }

    public void completed(UUID id, long rows, long sizeBytes, Path file, Instant now, Instant expiresAt) {
        update("""
                UPDATE report_requests
                   SET status = 'completed', progress = 100, row_count = ?, size_bytes = ?, file_path = ?,
                       finished_at = ?, updated_at = ?, expires_at = ?
                 WHERE id = ?
                """, statement -> {
            statement.setLong(1, rows);
            statement.setLong(2, sizeBytes);
            statement.setString(3, file.toString());
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setTimestamp(5, Timestamp.from(now));
            statement.setTimestamp(6, Timestamp.from(expiresAt));
            statement.setObject(7, id);
        });
    }

    /** @param error a sentence for the requester (never SQL or a stack trace) */
    public void failed(UUID id, String error, Instant now, Instant expiresAt) {
        update("""
                UPDATE report_requests SET status = 'failed', error = ?, finished_at = ?, updated_at = ?, expires_at = ?
                 WHERE id = ?
                """, statement -> {
            statement.setString(1, error);
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(expiresAt));
            statement.setObject(5, id);
        });
    }

    /** The tenant's names, for the "data scope" line of the cover; null when unknown. */
    public Bilingual tenantName(UUID tenantId) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name_en, name_ar FROM tenants WHERE id = ?")) {
                select.setObject(1, tenantId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? new Bilingual(row.getString(1), row.getString(2)) : null;
                }
            }
        });
    }

    private static Map<String, String> params(String json) {
        try {
            return JSON.readValue(json == null ? "{}" : json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report request parameters are not a JSON object of strings", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (var scope = connection.prepareStatement(
                        "SELECT set_config('app.tenant_id', '', true), set_config('app.all_tenants', 'on', true)")) {
                    scope.executeQuery().close();
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("report_requests: " + e.getMessage(), e);
        }
    }
}
