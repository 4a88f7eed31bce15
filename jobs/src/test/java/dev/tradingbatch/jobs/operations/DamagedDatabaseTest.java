package dev.tradingbatch.jobs.operations;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged SQLite file, found at start or part-way through a command, ends the command with one line naming the
 * file and what to do (PRAGMA integrity_check, a copy made with backup), exit 2, never a stack trace.
 */
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "an SQLite file")
class DamagedDatabaseTest {

    @TempDir
    Path dir;

    /** Overwrites page {@code page} (1 is the first) of the file with random bytes, as a failing disk might. */
    private static void damagePage(Path file, long page) throws IOException {
        byte[] garbage = new byte[4096];
        new Random(page).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek((page - 1) * garbage.length);
            raf.write(garbage);
        }
    }

    /** Where the candles begin in the file: their table's root page, in the middle of the file after an import. */
    private static long candlesRootPage(Path file) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rootpage, (SELECT page_count FROM pragma_page_count), "
                     + "(SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'candles'")) {
            rs.next();
            assertThat(rs.getLong(3)).as("page size").isEqualTo(4096);
            assertThat(rs.getLong(1)).as("a page in the middle of %d", rs.getLong(2)).isGreaterThan(1)
                    .isLessThan(rs.getLong(2));
            return rs.getLong(1);
        }
    }

    @Test
    void shouldNameTheFileWhenACommandFindsAPageDamagedAfterAnImport() throws Exception {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        Path file = cli.database().toAbsolutePath();
        damagePage(file, candlesRootPage(file));

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: database " + file + " is damaged (SQLite: database disk image is "
                + "malformed): see what sqlite3 " + file + " 'PRAGMA integrity_check' says, and restore a copy made "
                + "with the backup command\n");
    }

    @Test
    void shouldEndAJobThatFindsAPageDamagedFailedNamingTheFile() throws Exception {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        CliRun declared = BitstampSample.declare(cli, "rsi-1", "rsi", Map.of("period", "14"));
        Path file = cli.database().toAbsolutePath();
        damagePage(file, candlesRootPage(file));

        CliRun.Result r = declared.run("replay", "--strategy", "rsi-1");

        assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
        assertThat(r.out() + r.err()).contains("database " + file + " is damaged (SQLite: database disk image is "
                + "malformed): see what sqlite3 " + file + " 'PRAGMA integrity_check' says, and restore a copy made "
                + "with the backup command");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseAFileDamagedAtStartInOneLine() throws Exception {
        CliRun cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        Path file = cli.database().toAbsolutePath();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(100); // the schema's page, just past the 100-byte file header
            raf.write(new byte[200]);
        }

        CliRun.Result r = cli.run("markets");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cannot open database " + file + ": ")
                .endsWith("; nothing was changed: restore a copy made with the backup command, or see what sqlite3 "
                        + file + " 'PRAGMA integrity_check' says\n");
        assertThat(r.err().lines()).hasSize(1);
    }
}
