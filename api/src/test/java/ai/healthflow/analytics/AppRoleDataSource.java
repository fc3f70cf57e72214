package ai.healthflow.analytics;

import ai.healthflow.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/** Connections as the service's pool hands them out: switched to healthflow_app, so row-level security and grants apply. */
final class AppRoleDataSource implements DataSource {
    private final PGSimpleDataSource delegate = new PGSimpleDataSource();

    AppRoleDataSource(TestPostgres.Database database) {
        delegate.setUrl(database.url());
        delegate.setUser(database.user());
        delegate.setPassword(database.password());
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = delegate.getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute("SET ROLE healthflow_app");
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
