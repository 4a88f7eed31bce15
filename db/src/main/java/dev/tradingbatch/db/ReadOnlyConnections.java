package dev.tradingbatch.db;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connections of a DataSource, each marked {@link Connection#setReadOnly read-only} before it is used: on
 * SQLite ({@link SqliteTransactions}) their transactions begin DEFERRED and never wait for another process's
 * writer. For work that only reads but opens transactions of its own (Flyway's validate).
 */
public final class ReadOnlyConnections extends DelegatingDataSource {

    public ReadOnlyConnections(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return readOnly(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return readOnly(super.getConnection(username, password));
    }

    private static Connection readOnly(Connection c) throws SQLException {
        c.setReadOnly(true);
        return c;
    }
}
