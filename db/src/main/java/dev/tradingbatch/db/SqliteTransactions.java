package dev.tradingbatch.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How every process begins and commits its SQLite transactions; wraps the connection pool.
 * <p>
 * With {@code transaction_mode=IMMEDIATE}, sqlite-jdbc runs {@code BEGIN IMMEDIATE} in
 * {@code setAutoCommit(false)}, so the write lock is taken there, before anything is written; the busy
 * timeout is waited out inside that call. When it still fails with SQLITE_BUSY or SQLITE_LOCKED, this
 * class tries again up to {@code busyRetries} times (safe: the transaction has not begun), then fails with
 * a {@link DatabaseBusyException} that names the file and how long it waited. sqlite-jdbc has already
 * marked the failed connection as being in a transaction; that mark is undone, so the pool never hands
 * out a connection whose next "transaction" would silently run statement by statement.
 * <p>
 * sqlite-jdbc's {@code commit()} also begins the next transaction at once, which takes the write lock
 * again (and can fail with "database is locked" after the commit succeeded). Here a commit ends the
 * transaction only; the next one begins, with the retry above, at the connection's next statement.
 * Likewise a rollback here ends the transaction only (sqlite-jdbc's would begin the next one at once); one that
 * SQLite already rolled back itself (after SQLITE_FULL, a full disk) counts as rolled back, so the caller sees
 * the error that ended it, not "cannot rollback" (which Spring Batch takes for an UNKNOWN outcome).
 * <p>
 * A read-only transaction (the connection was marked {@link Connection#setReadOnly read-only} before it began,
 * as Spring does for {@code @Transactional(readOnly = true)}) begins DEFERRED: it reads a snapshot beside the
 * writer (WAL) and never waits for the write lock. sqlite-jdbc cannot switch a connection to read-only once
 * open, so the mark is kept here and decides how the next transaction begins.
 * <p>
 * Before a write transaction begins, {@link WalLimit} keeps the WAL file near {@code journal_size_limit}.
 */
public final class SqliteTransactions extends DelegatingDataSource {

    /** Retries after the first busy timeout: with the default 30 s timeout, two minutes in all. */
    public static final int DEFAULT_BUSY_RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(SqliteTransactions.class);
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final Path file;
    private final WalLimit walLimit;
    private final int busyRetries;

    /**
     * @param pool        connections to the {@code jdbc:sqlite:} database {@code url} names
     * @param url         the URL with its settings ({@link SqliteUrls#withSettings})
     * @param busyRetries how many more times a busy {@code BEGIN IMMEDIATE} is tried, 0 or more
     */
    public SqliteTransactions(DataSource pool, String url, int busyRetries) {
        super(pool);
        if (busyRetries < 0) {
            throw new IllegalArgumentException("busy retries must be 0 or more, not " + busyRetries);
        }
        Path f = SqliteUrls.file(url);
        this.file = f == null ? null : f.toAbsolutePath();
        this.walLimit = WalLimit.of(url);
        this.busyRetries = busyRetries;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(super.getConnection(username, password));
    }

    private Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(SqliteTransactions.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Transactions(target));
    }

    static boolean isBusy(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

    /** One pooled connection's transaction boundaries. */
    private final class Transactions implements InvocationHandler {

        private final Connection target;
        /**
         * In a transaction whose {@code BEGIN} is still to run: after a commit here (which, unlike sqlite-jdbc's,
         * begins nothing) or after a begin that failed; the next statement begins it.
         */
        private boolean beginPending;
        /** Marked read-only: the next transaction begins DEFERRED. */
        private boolean readOnly;

        Transactions(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "setAutoCommit":
                    beginPending = false;
                    if (!(Boolean) args[0] && target.getAutoCommit()) {
                        begin();
                        return null;
                    }
                    break;
                case "getAutoCommit":
                    if (beginPending) {
                        return false;
                    }
                    break;
                case "commit":
                    if (beginPending) {
                        return null; // nothing was done since the last commit
                    }
                    if (!target.getAutoCommit()) {
                        try {
                            target.setAutoCommit(true); // commits, and begins nothing
                        } catch (SQLException e) {
                            // not committed (sqlite-jdbc marked the connection as out of it first): the caller rolls back
                            target.unwrap(SQLiteConnection.class).getConnectionConfig().setAutoCommit(false);
                            throw e;
                        }
                        beginPending = true;
                        return null;
                    }
                    break;
                case "rollback":
                    if (args == null && beginPending) {
                        return null;
                    }
                    if (args == null && !target.getAutoCommit()) {
                        endWithRollback();
                        return null;
                    }
                    break;
                case "setReadOnly":
                    readOnly = (Boolean) args[0];
                    return null;
                case "isReadOnly":
                    return readOnly;
                case "createStatement", "prepareStatement", "prepareCall", "setSavepoint":
                    if (beginPending) {
                        beginPending = false;
                        begin();
                    }
                    break;
                case "close":
                    beginPending = false;
                    readOnly = false;
                    break;
                default:
                    break;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** Rolls back, as sqlite-jdbc does, but begins nothing: the next statement begins the next transaction. */
        private void endWithRollback() throws SQLException {
            SQLiteConnection sqlite = target.unwrap(SQLiteConnection.class);
            try {
                sqlite.getDatabase().exec("rollback;", false);
            } catch (SQLException e) {
                // SQLITE_FULL (a full disk), SQLITE_IOERR and others roll the transaction back themselves: the
                // rollback asked for has happened, and failing it would hide the error that caused it
                if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                    throw e;
                }
            }
            sqlite.getConnectionConfig().setAutoCommit(true);
            beginPending = true;
        }

        /** A deferred {@code BEGIN}: takes no lock until the first read, and never the write lock for reads. */
        private void beginReadOnly() throws SQLException {
            SQLiteConnectionConfig config = target.unwrap(SQLiteConnection.class).getConnectionConfig();
            SQLiteConfig.TransactionMode mode = config.getTransactionMode();
            config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            try {
                target.setAutoCommit(false);
            } catch (SQLException e) {
                config.setAutoCommit(true);
                beginPending = true;
                throw e;
            } finally {
                config.setTransactionMode(mode);
            }
        }

        /** {@code BEGIN IMMEDIATE}, tried again while the write lock stays busy; nothing is written before. */
        private void begin() throws SQLException {
            if (readOnly) {
                beginReadOnly();
                return;
            }
            if (walLimit != null) {
                walLimit.keep(target, target.unwrap(SQLiteConnection.class).getBusyTimeout());
            }
            long started = System.nanoTime();
            SQLException busy = null;
            for (int attempt = 1; attempt <= busyRetries + 1; attempt++) {
                try {
                    target.setAutoCommit(false);
                    if (busy != null) {
                        log.info("database {}: write lock taken at attempt {} after {} ms", file, attempt,
                                (System.nanoTime() - started) / 1_000_000);
                    }
                    return;
                } catch (SQLException e) {
                    // sqlite-jdbc marked the connection as in a transaction before BEGIN failed; SQLite has none
                    target.unwrap(SQLiteConnection.class).getConnectionConfig().setAutoCommit(true);
                    if (!isBusy(e)) {
                        beginPending = true;
                        throw e;
                    }
                    busy = e;
                    if (attempt <= busyRetries) {
                        log.warn("database {} still locked by another writer after {} ms; retry {} of {}", file,
                                (System.nanoTime() - started) / 1_000_000, attempt, busyRetries);
                    }
                }
            }
            // as if still in the transaction that never began: rollback is a no-op, the next statement tries again
            beginPending = true;
            int timeout = target.unwrap(SQLiteConnection.class).getBusyTimeout();
            throw new DatabaseBusyException(String.format(
                    "database %s stayed locked by another writer for %.1f s (%d attempts, busy_timeout %d ms each);"
                            + " this transaction wrote nothing",
                    file, (System.nanoTime() - started) / 1e9, busyRetries + 1, timeout), busy);
        }
    }
}
