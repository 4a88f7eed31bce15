package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteFileCheckTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeAFileThatDoesNotExistOrIsEmpty() throws IOException {
        assertThatCode(() -> SqliteFileCheck.check(dir.resolve("new.db"))).doesNotThrowAnyException();
        assertThatCode(() -> SqliteFileCheck.check(Files.createFile(dir.resolve("empty.db"))))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldTakeItsOwnMigratedDatabase() {
        Path file = dir.resolve("trading.db");
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(SqliteUrls.withSettings("jdbc:sqlite:" + file));
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").load().migrate();
        }

        assertThatCode(() -> SqliteFileCheck.check(file)).doesNotThrowAnyException();
    }

    @Test
    void shouldTakeADatabaseAnotherProcessOfOursHasBegunToMigrate() throws Exception {
        Path file = dir.resolve("migrating.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            // what Flyway commits before its first migration: the history table, holding no migration yet
            s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version TEXT, script TEXT)");
        }

        assertThatCode(() -> SqliteFileCheck.check(file)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAnotherApplicationsFlywayHistory() throws Exception {
        Path file = dir.resolve("flyway-other.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version TEXT, script TEXT)");
            s.execute("INSERT INTO flyway_schema_history VALUES (1, '1', 'V1__create_users.sql')");
            s.execute("CREATE TABLE users (id INTEGER)");
        }

        assertThatThrownBy(() -> SqliteFileCheck.check(file)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("it is another application's database (tables flyway_schema_history, users;");
    }

    @Test
    void shouldRefuseAnotherApplicationsDatabaseNamingItsTables() throws Exception {
        Path file = dir.resolve("other.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            for (String table : new String[] {"a", "b", "c", "d", "e", "f"}) {
                s.execute("CREATE TABLE " + table + " (x)");
            }
        }

        assertThatThrownBy(() -> SqliteFileCheck.check(file))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("cannot open database " + file.toAbsolutePath() + ": it is another application's database "
                        + "(tables a, b, c, d, e, ...; no trading-batch schema history); nothing was changed: point "
                        + "spring.datasource.url at a new file");
    }

    @Test
    void shouldRefuseAFileThatIsNotSqlite() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.db"), "my notes");

        assertThatThrownBy(() -> SqliteFileCheck.check(file))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("it is not an SQLite file");
    }

    @Test
    void shouldPointADamagedDatabaseAtItsBackupAndIntegrityCheck() throws Exception {
        Path file = dir.resolve("damaged.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(100);   // the schema's page, just past the 100-byte file header
            raf.write(new byte[200]);
        }

        assertThatThrownBy(() -> SqliteFileCheck.check(file))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot open database " + file.toAbsolutePath() + ": ")
                .hasMessageEndingWith("; nothing was changed: restore a copy made with the backup command, or see what "
                        + "sqlite3 " + file.toAbsolutePath() + " 'PRAGMA integrity_check' says");
    }
}
