package ai.healthflow.batch.report;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One report's query over JDBC, in constant memory: a read-only, repeatable-read transaction (auto-commit off, so
 * PostgreSQL streams through a cursor of {@link #FETCH_SIZE} rows), the definition's sort applied around the query,
 * and the transaction's tenant scope declared for row-level security as the second wall behind the query's own
 * {@code :tenantId} clause. Count and rows come from the same snapshot.
 */
public final class ReportQuery implements AutoCloseable {
    public static final int FETCH_SIZE = 2_000;
    /** Rows per hand-over from the reading thread, and how many such batches may wait. */
    private static final int BATCH = 500;
    private static final int QUEUED = 8;

    private final ReportDefinition definition;
    private final ParameterValues parameters;
    private final UUID tenantId;
    private final ZoneId zone;
    private final Connection connection;

    private ReportQuery(Connection connection, ReportDefinition definition, ParameterValues parameters, UUID tenantId,
                        ZoneId zone) {
        this.connection = connection;
        this.definition = definition;
        this.parameters = parameters;
        this.tenantId = tenantId;
        this.zone = zone;
    }

    /** {@link #open(DataSource, ReportDefinition, ParameterValues, UUID, ZoneId, String)} without a read role. */
    public static ReportQuery open(DataSource dataSource, ReportDefinition definition, ParameterValues parameters,
                                   UUID tenantId, ZoneId zone) {
        return open(dataSource, definition, parameters, tenantId, zone, null);
    }

    /**
     * Opens the report's transaction.
     *
     * @param tenantId the caller's tenant for a tenant-scoped caller; null for every tenant (the regulator)
     * @param zone     the zone timestamps are shown in
     * @param readRole a database role to read as for this transaction only ({@code SET LOCAL ROLE}), so that
     *                 row-level security applies even on a pool that connects as the tables' owner; null to keep
     *                 the connection's own role
     */
    public static ReportQuery open(DataSource dataSource, ReportDefinition definition, ParameterValues parameters,
                                   UUID tenantId, ZoneId zone, String readRole) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (var scope = connection.prepareStatement(
                    "SELECT set_config('app.tenant_id', ?, true), set_config('app.all_tenants', ?, true)")) {
                scope.setString(1, tenantId == null ? "" : tenantId.toString());
                scope.setString(2, tenantId == null ? "on" : "off");
                scope.executeQuery().close();
            }
            if (readRole != null) {
                if (!readRole.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a role name: " + readRole);
                }
                try (var role = connection.createStatement()) {
                    role.execute("SET LOCAL ROLE " + readRole);
                }
            }
            return new ReportQuery(connection, definition, parameters, tenantId, zone);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ReportQueryFailed("Could not open the transaction of report " + definition.id(), e);
        }
    }

    /** How many rows the report has. */
    public long count() {
        try (PreparedStatement statement = prepare("SELECT count(*) FROM (\n" + definition.sql() + "\n) AS report");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new ReportQueryFailed("The query of report " + definition.id() + " failed: " + e.getMessage(), e);
        }
    }

    /** The rows, in the definition's order, as a {@link RowSource} (run once). */
    public RowSource rows() {
        return this::forEach;
    }

    private long forEach(RowHandler handler) throws IOException {
        List<ReportColumn> columns = definition.columns();
        String select = columns.stream().map(c -> quote(c.field())).collect(Collectors.joining(", "));
        String order = definition.sort().isEmpty() ? "" : " ORDER BY " + definition.sort().stream()
                .map(k -> quote(k.field()) + (k.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"))
                .collect(Collectors.joining(", "));
        try (PreparedStatement statement = prepare("SELECT " + select + " FROM (\n" + definition.sql() + "\n) AS report" + order)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                Reader[] readers = readers(rows.getMetaData());
                return new Prefetch(statement, rows, readers).handOver(handler);
            }
        } catch (SQLException e) {
            throw new ReportQueryFailed("The query of report " + definition.id() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads rows on a thread of its own while the caller renders the previous ones: fetching from PostgreSQL and
     * writing the file overlap instead of taking turns (the renderer is the slower side; the database's fetch waits
     * were a fifth of an XLSX export). At most {@link #QUEUED} batches of {@link #BATCH} rows are held.
     */
    private final class Prefetch {
        private static final Object[][] END = new Object[0][];
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final Reader[] readers;
        private final java.util.concurrent.BlockingQueue<Object[][]> queue = new java.util.concurrent.ArrayBlockingQueue<>(QUEUED);
        private volatile boolean stopped;
        private volatile Throwable failure;

        Prefetch(PreparedStatement statement, ResultSet rows, Reader[] readers) {
            this.statement = statement;
            this.rows = rows;
            this.readers = readers;
        }

        long handOver(RowHandler handler) throws IOException, SQLException {
            Thread reader = Thread.ofPlatform().daemon().name("report-rows-" + definition.id()).start(this::read);
            long count = 0;
            try {
                while (true) {
                    Object[][] batch = queue.take();
                    if (batch == END) {
                        break;
                    }
                    for (Object[] row : batch) {
                        handler.row(row);
                        count++;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while rendering report " + definition.id(), e);
            } finally {
                stopped = true;
                if (reader.isAlive()) {
                    statement.cancel(); // the renderer failed: stop the query rather than read it to the end
                    queue.clear();
                }
                join(reader);
            }
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure != null) {
                throw new ReportQueryFailed("Reading report " + definition.id() + " failed", failure);
            }
            return count;
        }

        private void read() {
            try {
                while (!stopped) {
                    Object[][] batch = new Object[BATCH][];
                    int n = 0;
                    while (n < BATCH && rows.next()) {
                        Object[] values = new Object[readers.length];
                        for (int i = 0; i < readers.length; i++) {
                            values[i] = readers[i].read(rows, i + 1);
                        }
                        batch[n++] = values;
                    }
                    if (n > 0) {
                        put(n == BATCH ? batch : java.util.Arrays.copyOf(batch, n));
                    }
                    if (n < BATCH) {
                        break;
                    }
                }
            } catch (Throwable t) {
                if (!stopped) {
                    failure = t;
                }
            } finally {
                put(END);
            }
        }

        private void put(Object[][] batch) {
            try {
                while (!stopped || batch == END) {
                    if (queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    if (stopped && batch == END) {
                        return; // nobody is reading any more
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void join(Thread reader) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        NamedSql named = NamedSql.parse(sql);
        PreparedStatement statement = connection.prepareStatement(named.jdbc(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            for (int i = 0; i < named.positions().size(); i++) {
                bind(statement, i + 1, named.positions().get(i));
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    private void bind(PreparedStatement statement, int index, String name) throws SQLException {
        if (name.equals(ReportDefinitionParser.TENANT_PARAMETER)) {
            if (tenantId == null) {
                statement.setNull(index, Types.OTHER);
            } else {
                statement.setObject(index, tenantId);
            }
            return;
        }
        ReportParameter parameter = definition.parameter(name)
                .orElseThrow(() -> new IllegalStateException("undeclared parameter " + name));
        Object value = parameters.get(name);
        switch (parameter.type()) {
            case STRING, ENUM -> {
                if (value == null) {
                    statement.setNull(index, Types.VARCHAR);
                } else {
                    statement.setString(index, (String) value);
                }
            }
            case DATE -> {
                if (value == null) {
                    statement.setNull(index, Types.DATE);
                } else {
                    statement.setObject(index, value);
                }
            }
            case MONTH -> { // bound as its first day: the query casts it to a date
                if (value == null) {
                    statement.setNull(index, Types.DATE);
                } else {
                    statement.setObject(index, ((YearMonth) value).atDay(1));
                }
            }
            case UUID -> {
                if (value == null) {
                    statement.setNull(index, Types.OTHER);
                } else {
                    statement.setObject(index, value);
                }
            }
            case INTEGER -> {
                if (value == null) {
                    statement.setNull(index, Types.BIGINT);
                } else {
                    statement.setLong(index, (Long) value);
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    statement.setNull(index, Types.BOOLEAN);
                } else {
                    statement.setBoolean(index, (Boolean) value);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rows, int index) throws SQLException;
    }

    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8", "oid");
    private static final Set<String> NUMBERS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8");

    /** One reader per column, chosen from the declared type and what the query really returns. */
    private Reader[] readers(ResultSetMetaData meta) throws SQLException {
        List<ReportColumn> columns = definition.columns();
        Reader[] readers = new Reader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            ReportColumn column = columns.get(i);
            String sqlType = meta.getColumnTypeName(i + 1).toLowerCase(Locale.ROOT);
            readers[i] = reader(column, sqlType, meta.getScale(i + 1));
            if (readers[i] == null) {
                throw new ReportQueryFailed(definition.source() + ": column " + column.field() + " is declared "
                        + column.type().code() + " but the query returns " + sqlType);
            }
        }
        return readers;
    }

    private Reader reader(ReportColumn column, String sqlType, int scale) {
        return switch (column.type()) {
            case TEXT -> ResultSet::getString;
            case INTEGER -> INTEGERS.contains(sqlType) || sqlType.equals("numeric") && scale == 0 ? (rows, i) -> {
                long value = rows.getLong(i);
                return rows.wasNull() ? null : value;
            } : null;
            case DECIMAL -> NUMBERS.contains(sqlType) ? ResultSet::getBigDecimal : null;
            case BOOLEAN -> sqlType.equals("bool") ? (rows, i) -> {
                boolean value = rows.getBoolean(i);
                return rows.wasNull() ? null : value;
            } : null;
            case DATE -> switch (sqlType) {
                case "date" -> (rows, i) -> rows.getObject(i, LocalDate.class);
                case "timestamptz" -> (rows, i) -> {
                    OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
                    return value == null ? null : value.atZoneSameInstant(zone).toLocalDate();
                };
                case "timestamp" -> (rows, i) -> {
                    LocalDateTime value = rows.getObject(i, LocalDateTime.class);
                    return value == null ? null : value.toLocalDate();
                };
                default -> null;
            };
            case TIMESTAMP -> switch (sqlType) {
                case "timestamptz" -> (rows, i) -> {
                    OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
                    return value == null ? null : value.atZoneSameInstant(zone).toLocalDateTime();
                };
                case "timestamp" -> (rows, i) -> rows.getObject(i, LocalDateTime.class);
                case "date" -> (rows, i) -> {
                    LocalDate value = rows.getObject(i, LocalDate.class);
                    return value == null ? null : value.atStartOfDay();
                };
                default -> null;
            };
        };
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"'; // fields are checked to be [a-z_][a-z0-9_]* when loaded
    }

    @Override
    public void close() {
        try {
            connection.rollback(); // read only: nothing to keep
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } catch (SQLException ignored) {
            // the connection is closed next either way
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }
}
