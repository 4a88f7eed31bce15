package dev.tradingbatch.jobs.concurrency;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill that fills the database: SQLite's {@code max_page_count} (a URL setting, so on every connection of
 * the command) stands in for a full disk and makes writes fail with SQLITE_FULL, as a full disk does. Freeing
 * space is running without it.
 */
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "SQLite's SQLITE_FULL")
class FullDiskIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final String[] BACKFILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
            "--from", "2024-01-01"};

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 6001);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;
    String roomy;

    @BeforeEach
    void createSchema() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 6000 * H + 30 * 60_000), ZoneOffset.UTC));
        roomy = "jdbc:sqlite:" + cli.database();
        cli.with("spring.datasource.url", roomy);
        assertThat(cli.run("markets").exitCode()).as("schema created").isZero();
    }

    @Test
    void shouldFailInOneLineNamingTheDatabaseAndContinueOnceSpaceIsFree() {
        CliRun.Result full = fillTheDisk();

        assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(1);
        assertThat(full.out()).containsPattern("\\(FAILED, execution 1\\)\n");
        assertThat(full.out()).containsPattern("\nfailed: database \\Q" + cli.database().toAbsolutePath()
                + "\\E is full \\(\\d+ [MK]B free on its disk\\): nothing past the last commit was written; free"
                + " space, then run the same command again to continue where it stopped\n");
        assertThat(full.out() + full.err()).doesNotContain("UNKNOWN").doesNotContain("rollback")
                .doesNotContain("\tat ");
        int stored = cli.candles(BTC).size();
        assertThat(stored).as("the chunks committed before the disk filled").isBetween(1, 5999);
        assertThat(cli.query("SELECT STATUS FROM BATCH_JOB_EXECUTION")).extracting(row -> row.get("STATUS"))
                .containsExactly("FAILED");

        cli.with("spring.datasource.url", roomy); // space freed
        CliRun.Result again = cli.run(BACKFILL);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        // the counts are the whole run's; none already present: it continued after its last commit
        assertThat(again.out()).contains(", 6000 stored, 0 already present, 0 rejected (COMPLETED, execution 2)");
        assertThat(cli.candles(BTC)).extracting(Candle::openTime).doesNotHaveDuplicates().hasSize(6000);
    }

    @Test
    void shouldContinueAnExecutionLeftUnknownWithTheSameCommand() {
        leftUnknown();

        CliRun.Result again = cli.run(BACKFILL);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).startsWith("execution 1 was left UNKNOWN: a rollback failed (org.springframework"
                + ".transaction.TransactionSystemException: JDBC rollback failed), but each chunk commits with its"
                + " checkpoint: marked FAILED to continue from its last commit; restarting it\n");
        assertThat(again.out()).contains("0 already present, 0 rejected (COMPLETED, execution 2)");
        assertThat(cli.candles(BTC)).extracting(Candle::openTime).doesNotHaveDuplicates().hasSize(6000);
        assertThat(cli.query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                .extracting(row -> row.get("STATUS")).containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void shouldRestartAnExecutionLeftUnknown() {
        leftUnknown();

        CliRun.Result restart = cli.run("jobs", "restart", "1");

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).startsWith("execution 1 of backfillCandlesJob was left UNKNOWN: a rollback failed (")
                .contains("restarted execution 1 of backfillCandlesJob as execution 2: COMPLETED");
        assertThat(cli.candles(BTC)).extracting(Candle::openTime).doesNotHaveDuplicates().hasSize(6000);
    }

    @Test
    void shouldAbandonAnExecutionLeftUnknown() {
        leftUnknown();

        CliRun.Result abandon = cli.run("jobs", "abandon", "1");

        assertThat(abandon.exitCode()).as(abandon.out() + abandon.err()).isZero();
        assertThat(abandon.out()).isEqualTo("abandoned execution 1 of backfillCandlesJob: it will not be restarted\n");
        assertThat(cli.query("SELECT STATUS FROM BATCH_JOB_EXECUTION")).extracting(row -> row.get("STATUS"))
                .containsExactly("ABANDONED");
        assertThat(cli.run("jobs", "list").out()).contains("ABANDONED").doesNotContain("UNKNOWN");
    }

    /** A backfill on a database with 20 pages of room left: it fills them and fails. */
    private CliRun.Result fillTheDisk() {
        long pages = cli.count("PRAGMA page_count");
        cli.with("spring.datasource.url", roomy + "?max_page_count=" + (pages + 20));
        return cli.run(BACKFILL);
    }

    /** What a full disk left before this was fixed: the execution and its step UNKNOWN, the rollback's error. */
    private void leftUnknown() {
        assertThat(fillTheDisk().exitCode()).isEqualTo(1);
        cli.with("spring.datasource.url", roomy);
        cli.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN', EXIT_MESSAGE = ?",
                "org.springframework.transaction.TransactionSystemException: JDBC rollback failed\n\tat org.spring");
        cli.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN'");
    }
}
