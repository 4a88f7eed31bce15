package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Beginning, committing and bounding the WAL of SQLite transactions, against real database files. */
class SqliteTransactionsTest {

    @TempDir
    Path folder;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void shouldWriteOnceTheOtherWriterReleasesTheLockWithinTheRetries() throws Exception {
        App app = app("?busy_timeout=200", 20);
        Connection other = holdWriteLock();
        Thread release = Thread.ofVirtual().start(() -> {
            sleep(700);
            rollback(other);
        });

        app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (1)"));

        release.join();
        assertThat(app.jdbc.queryForList("SELECT x FROM t", Integer.class)).containsExactly(1);
    }

    @Test
    void shouldFailInOneLineNamingTheFileWhenTheLockOutlastsEveryRetry() throws Exception {
        App app = app("?busy_timeout=100", 2);
        Connection other = holdWriteLock();

        assertThatThrownBy(() -> app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (1)")))
                .isInstanceOf(DatabaseBusyException.class)
                .hasMessageMatching("database \\Q" + database().toAbsolutePath() + "\\E stayed locked by another writer"
                        + " for 0\\.\\d s \\(3 attempts, busy_timeout 100 ms each\\); this transaction wrote nothing")
                .hasNoCause();
        rollback(other);

        // the one pooled connection is whole again: a transaction on it is one transaction
        assertThatThrownBy(() -> app.tx.executeWithoutResult(s -> {
            app.jdbc.update("INSERT INTO t (x) VALUES (2)");
            app.jdbc.update("INSERT INTO t (x) VALUES (3)");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (4)"));
        assertThat(app.jdbc.queryForList("SELECT x FROM t", Integer.class)).containsExactly(4);
    }

    @Test
    void shouldNotHoldTheWriteLockAfterCommitAndBeginTheNextTransactionAtItsFirstStatement() throws Exception {
        App app = app("", 0);
        try (Connection c = app.transactions.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO t (x) VALUES (1)");
            c.commit();

            // sqlite-jdbc's own commit() would hold the write lock again here, until the next commit
            Connection other = holdWriteLock();
            rollback(other);

            assertThat(c.getAutoCommit()).isFalse();
            c.createStatement().execute("INSERT INTO t (x) VALUES (2)");
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(app.jdbc.queryForList("SELECT x FROM t", Integer.class)).containsExactly(1);
    }

    @Test
    void shouldReadInAReadOnlyTransactionWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
        App app = app("?busy_timeout=100", 0);
        app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (1)"));
        Connection other = holdWriteLock();
        other.createStatement().execute("INSERT INTO t (x) VALUES (2)");
        TransactionTemplate readOnly = new TransactionTemplate(app.tx.getTransactionManager());
        readOnly.setReadOnly(true);

        List<Integer> read = readOnly.execute(s -> app.jdbc.queryForList("SELECT x FROM t", Integer.class));
        List<Integer> again = readOnly.execute(s -> app.jdbc.queryForList("SELECT x FROM t", Integer.class));

        assertThat(read).as("what was committed, without waiting for the writer").containsExactly(1);
        assertThat(again).containsExactly(1);
        assertThatThrownBy(() -> app.tx.executeWithoutResult(s -> app.jdbc.queryForList("SELECT x FROM t")))
                .as("a read-write transaction still takes the write lock first")
                .isInstanceOf(DatabaseBusyException.class);
        rollback(other);
        app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (3)"));
        assertThat(app.jdbc.queryForList("SELECT x FROM t", Integer.class)).containsExactly(1, 3);
    }

    @Test
    void shouldNotHoldTheWriteLockAfterRollback() throws Exception {
        App app = app("", 0);
        try (Connection c = app.transactions.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO t (x) VALUES (1)");
            c.rollback();

            // sqlite-jdbc's own rollback() would begin the next IMMEDIATE transaction here, holding the lock
            Connection other = holdWriteLock();
            rollback(other);

            c.createStatement().execute("INSERT INTO t (x) VALUES (2)");
            c.commit();
            c.setAutoCommit(true);
        }
        assertThat(app.jdbc.queryForList("SELECT x FROM t", Integer.class)).containsExactly(2);
    }

    @Test
    void shouldReportAFullDatabaseAsItsOwnErrorAndWriteAgainOnceThereIsRoom() throws Exception {
        // max_page_count stands in for a full disk: writes past it fail with SQLITE_FULL, which rolls back
        App app = app("?max_page_count=20", 0);

        assertThatThrownBy(() -> app.tx.executeWithoutResult(s -> {
            app.jdbc.update("INSERT INTO t (x) VALUES (1)");
            app.jdbc.update("INSERT INTO t (x, pad) VALUES (2, zeroblob(200000))");
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("SQLITE_FULL");

        app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (3)"));
        assertThat(app.jdbc.queryForList("SELECT x FROM t", Integer.class)).containsExactly(3);
    }

    @Test
    void shouldTruncateTheWalOnceItOutgrowsItsLimit() throws Exception {
        long limit = 64 * 1024;
        // busy_timeout: how long each checkpoint waits for the reader before the write goes ahead anyway
        App app = app("?journal_size_limit=" + limit + "&busy_timeout=100", 0);
        Path wal = Path.of(database() + "-wal");
        // a reader's open snapshot keeps the automatic checkpoint from resetting the WAL meanwhile
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement read = reader.createStatement()) {
            read.execute("BEGIN");
            read.executeQuery("SELECT COUNT(*) FROM t").close();
            for (int i = 0; i < 5; i++) {
                app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x, pad) VALUES (0, zeroblob(60000))"));
            }
            assertThat(Files.size(wal)).isGreaterThan(4 * limit);
            read.execute("ROLLBACK");
        }

        app.tx.executeWithoutResult(s -> app.jdbc.update("INSERT INTO t (x) VALUES (1)"));

        assertThat(Files.size(wal)).as("started over and cut to the limit").isLessThanOrEqualTo(limit);
        assertThat(app.jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(6);
    }

    /** The application's arrangement: lazy proxy over SqliteTransactions over a pool of one connection. */
    private App app(String urlSettings, int busyRetries) throws SQLException {
        String url = SqliteUrls.withSettings("jdbc:sqlite:" + database() + urlSettings);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(1);
        open.add(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER, pad BLOB)");
        }
        SqliteTransactions transactions = new SqliteTransactions(pool, url, busyRetries);
        LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(transactions);
        return new App(transactions, new JdbcTemplate(lazy),
                new TransactionTemplate(new DataSourceTransactionManager(lazy)));
    }

    private record App(SqliteTransactions transactions, JdbcTemplate jdbc, TransactionTemplate tx) {
    }

    /** Another writer: a connection of its own that has begun a write transaction. */
    private Connection holdWriteLock() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + database() + "?busy_timeout=0");
        open.add(c);
        c.createStatement().execute("BEGIN IMMEDIATE");
        return c;
    }

    private Path database() {
        return folder.resolve("test.db");
    }

    private static void rollback(Connection c) {
        try {
            c.createStatement().execute("ROLLBACK");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
