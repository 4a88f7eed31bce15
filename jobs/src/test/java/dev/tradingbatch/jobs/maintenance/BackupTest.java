package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.db.SqliteUrls;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code backup}: a consistent, verified copy of a database that another process keeps writing to. */
class BackupTest {

    static final Path BITSTAMP_SAMPLE = Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv");
    static final MarketKey BITSTAMP = new MarketKey("bitstamp", "BTC/USD", Timeframe.M5);
    /** The series the other writer keeps extending, one transaction of {@link #BATCH} candles at a time. */
    static final MarketKey LIVE = new MarketKey("live", "BTC/USDT", Timeframe.M1);
    static final long T0 = 1704067200000L; // 2024-01-01T00:00:00Z
    static final int BATCH = 10;

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(dir);
        CliRun.Result imported = cli.run("backfill", "--exchange", "file", "--file", BITSTAMP_SAMPLE.toString(),
                "--as", "bitstamp", "--symbol", "BTC/USD", "--timeframe", "5m");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "backup copies an SQLite file")
    void shouldCopyOneConsistentSnapshotWhileAnotherWriterKeepsInserting() throws Exception {
        Writer writer = new Writer(cli.database());
        Thread thread = new Thread(writer, "other-writer");
        thread.start();
        Path copy = dir.resolve("backup.db");
        CliRun.Result r;
        try {
            writer.awaitBatches(1);
            r = cli.run("backup", "--to", copy.toString());
            writer.awaitBatches(writer.batches() + 3); // it went on writing after the copy
        } finally {
            writer.stop();
            thread.join();
        }
        assertThat(writer.failure()).isNull();

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<Candle> copied = new CandleRepository(readOnly(copy)).find(LIVE, Long.MIN_VALUE, Long.MAX_VALUE);
        int n = copied.size();
        // a snapshot: whole transactions only, and exactly the first n candles the writer stored, no hole
        assertThat(n).isPositive();
        assertThat(n % BATCH).isZero();
        assertThat(copied).containsExactlyElementsOf(Writer.candles(0, n));
        assertThat(cli.candles(LIVE).size()).isGreaterThan(n);
        assertThat(new CandleRepository(readOnly(copy)).find(BITSTAMP, Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactlyElementsOf(cli.candles(BITSTAMP));
        assertThat(r.out()).isEqualTo("backup " + cli.database() + " -> " + copy + " (" + Files.size(copy) + " bytes)\n"
                + "  integrity_check ok; candles " + (1917 + n) + ", markets 2, strategy_trades 0,"
                + " as in the database at the moment of the copy\n");

        JdbcTemplate copyDb = new JdbcTemplate(readOnly(copy));
        assertThat(copyDb.queryForList("PRAGMA integrity_check", String.class)).containsExactly("ok");
        assertThat(copyDb.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("delete");
        assertThat(copyDb.queryForObject("SELECT COUNT(*) FROM flyway_schema_history", Integer.class))
                .isEqualTo(cli.count("SELECT COUNT(*) FROM flyway_schema_history"));
        // one self-contained file
        assertThat(dir).isDirectoryNotContaining("glob:**/backup.db-*");
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "backup copies an SQLite file")
    void shouldOpenTheBackupAsTheDatabase() {
        Path copy = dir.resolve("backup.db");
        assertThat(cli.run("backup", "--to", copy.toString()).exitCode()).isZero();

        CliRun restored = new CliRun(dir.resolve("restored"));
        restored.with("spring.datasource.url", "jdbc:sqlite:" + copy);
        CliRun.Result markets = restored.run("markets");

        assertThat(markets.exitCode()).as(markets.err()).isZero();
        assertThat(markets.out()).contains("bitstamp   BTC/USD      5m        2013-11-25T00:00:00Z "
                + "2013-12-01T16:00:00Z      1921      1917         0         2         4         0\n");
    }

    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "backup copies an SQLite file")
    void shouldRefuseAnExistingFileAndAMissingFolder() throws IOException {
        Path existing = Files.writeString(dir.resolve("precious.db"), "keep me");

        CliRun.Result r = cli.run("backup", "--to", existing.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --to " + existing + " exists already: it is never overwritten, name a new file\n");
        assertThat(r.out()).isEmpty();
        assertThat(existing).hasContent("keep me");

        Path nowhere = dir.resolve("no-such-folder").resolve("backup.db");
        CliRun.Result missing = cli.run("backup", "--to", nowhere.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: --to " + nowhere + ": the folder " + nowhere.getParent()
                + " does not exist\n");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    @Test
    void shouldRefuseADatabaseThatIsNotAnSqliteFile() {
        Path copy = dir.resolve("backup.db");
        CliRun postgres = new CliRun(dir).with("spring.datasource.url", "jdbc:postgresql://db.example:5432/trading?password=secret");

        CliRun.Result r = postgres.run("backup", "--to", copy.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: backup copies an SQLite database file, and spring.datasource.url is a"
                + " postgresql database (jdbc:postgresql:...): use that database's own tools (pg_dump for PostgreSQL)\n");
        assertThat(copy).doesNotExist();

        CliRun.Result memory = new CliRun(dir).with("spring.datasource.url", "jdbc:sqlite::memory:")
                .run("backup", "--to", copy.toString());
        assertThat(memory.exitCode()).isEqualTo(2);
        assertThat(memory.err()).isEqualTo("error: backup copies an SQLite database file, and spring.datasource.url"
                + " jdbc:sqlite::memory: is an in-memory database\n");
        assertThat(copy).doesNotExist();
    }

    /**
     * A run killed once the pages are copied, before the copy is checked (stopped there as kill -9 would: no clean-up
     * runs) leaves no file at the name asked for; what it left under the temporary name, half the pages and a hot
     * journal that would roll the copy back to an empty database, is replaced by the next run.
     */
    @Test
    @DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "backup copies an SQLite file")
    void shouldLeaveNoFileAtItsNameWhenKilledAndBackUpOnTheRerun() throws IOException {
        Path copy = dir.resolve("backup.db");
        Path partial = dir.resolve(".backup.db.partial");
        List<String> midCopy = new ArrayList<>();
        byte[][] onDisk = new byte[1][];
        CliRun killed = new CliRun(dir).bean("kill", (PartialFileHook) p -> {
            midCopy.addAll(ArchiveTest.names(dir));
            onDisk[0] = ArchiveTest.read(p);
            throw new ArchiveTest.Killed();
        });

        assertThatThrownBy(() -> killed.run("backup", "--to", copy.toString())).isInstanceOf(ArchiveTest.Killed.class);
        Files.write(partial, java.util.Arrays.copyOf(onDisk[0], onDisk[0].length / 2));
        Files.writeString(dir.resolve(".backup.db.partial-journal"), "the journal of a copy killed half-way");

        assertThat(midCopy).contains(".backup.db.partial").doesNotContain("backup.db");
        assertThat(copy).doesNotExist();

        CliRun.Result rerun = cli.run("backup", "--to", copy.toString());

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("  integrity_check ok; candles 1917, markets 1, strategy_trades 0");
        assertThat(new CandleRepository(readOnly(copy)).find(BITSTAMP, Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactlyElementsOf(cli.candles(BITSTAMP));
        assertThat(ArchiveTest.names(dir)).noneMatch(name -> name.contains("partial"));
    }

    private static DataSource readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /**
     * Another process storing candles through the application's repository, with the application's
     * connection settings: {@link #BATCH} candles per transaction, one transaction after another.
     */
    static final class Writer implements Runnable {
        private final Path database;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger batches = new AtomicInteger();
        private volatile Throwable failure;

        Writer(Path database) {
            this.database = database;
        }

        /** The candles the writer stores, {@code from} inclusive to {@code to} exclusive, one minute apart. */
        static List<Candle> candles(int from, int to) {
            List<Candle> candles = new ArrayList<>();
            for (int i = from; i < to; i++) {
                BigDecimal open = BigDecimal.valueOf(4_200_000 + i % 997, 2);
                candles.add(new Candle(T0 + i * 60_000L, open, open.add(new BigDecimal("1.25")),
                        open.subtract(new BigDecimal("0.75")), open.add(new BigDecimal("0.50")),
                        BigDecimal.valueOf(1 + i % 1000, 3)));
            }
            return candles;
        }

        @Override
        public void run() {
            SingleConnectionDataSource ds = new SingleConnectionDataSource(
                    SqliteUrls.withSettings("jdbc:sqlite:" + database), true);
            try {
                CandleRepository repository = new CandleRepository(ds);
                TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
                for (int b = 0; !stop.get(); b++) {
                    List<Candle> batch = candles(b * BATCH, (b + 1) * BATCH);
                    tx.executeWithoutResult(s -> repository.insertNew(LIVE, batch));
                    batches.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                ds.destroy();
            }
        }

        int batches() {
            return batches.get();
        }

        void awaitBatches(int n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (batches.get() < n && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(batches.get()).as("batches written (failure: %s)", failure).isGreaterThanOrEqualTo(n);
        }

        void stop() {
            stop.set(true);
        }

        Throwable failure() {
            return failure;
        }
    }
}
