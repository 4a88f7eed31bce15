package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.archive.ArchiveFile;
import dev.tradingbatch.readers.archive.ArchiveStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backfill --exchange binance --source archive} against a stand-in of Binance's data archive (real-format
 * zips and CHECKSUM files built here) and of its REST API ({@link FakeBinance}), both with the same candles:
 * November 2024 as a monthly file (ms times), December not archived yet (neither its monthly nor its daily files:
 * read from the REST API), 1 January 2025 as a daily file with a header and µs times, 2 January with µs times,
 * 3 January not archived yet.
 */
class ArchiveBackfillTest {

    static final long NOV = Instant.parse("2024-11-01T00:00:00Z").toEpochMilli();
    static final long END = Instant.parse("2025-01-04T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);

    static final ArchiveFile NOVEMBER = ArchiveFile.monthly("BTCUSDT", Timeframe.H1, YearMonth.of(2024, 11));
    static final ArchiveFile JAN_1 = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2025, 1, 1));
    static final ArchiveFile JAN_2 = ArchiveFile.daily("BTCUSDT", Timeframe.H1, LocalDate.of(2025, 1, 2));

    final FakeBinance exchange = new FakeBinance(NOV, H).serve(0, (int) ((END - NOV) / H));

    @TempDir
    Path dir;
    @TempDir
    Path restDir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    ArchiveStandIn archive;

    @BeforeEach
    void start() {
        binance.stubFor(FakeBinance.stub());
        archive = new ArchiveStandIn(binance);
        archive.serve(NOVEMBER, csv(NOVEMBER, false, false));
        archive.serve(JAN_1, csv(JAN_1, true, true));
    }

    private CliRun cli(Path folder) {
        return new CliRun(folder).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .with("trading.exchanges.binance.archive-url", binance.baseUrl())
                .clock(Clock.fixed(Instant.ofEpochMilli(END + 60_000), ZoneOffset.UTC));
    }

    /** The file's rows with the values FakeBinance serves for the same hours, as the archive writes them. */
    private List<String> csv(ArchiveFile file, boolean micros, boolean header) {
        List<String> lines = new ArrayList<>();
        if (header) {
            lines.add(ArchiveStandIn.HEADER);
        }
        for (long t = file.start(); t < file.end(); t += H) {
            long i = (t - NOV) / H;
            BigDecimal open = FakeBinance.open(i);
            lines.add(ArchiveStandIn.row(t, H, micros, open.setScale(8).toPlainString(),
                    open.add(new BigDecimal("5.5")).setScale(8).toPlainString(),
                    open.subtract(new BigDecimal("4.25")).setScale(8).toPlainString(),
                    open.add(new BigDecimal("0.01")).setScale(8).toPlainString(),
                    FakeBinance.volume(i).setScale(8).toPlainString()));
        }
        return lines;
    }

    private static final String[] ARCHIVE_BACKFILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT",
            "--timeframe", "1h", "--from", "2024-11-01", "--to", "2025-01-04", "--source", "archive"};

    @Test
    void shouldStoreWhatTheRestApiStoresForTheSameRange() {
        archive.serve(JAN_2, csv(JAN_2, true, false));
        CliRun.Result rest = cli(restDir).run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT",
                "--timeframe", "1h", "--from", "2024-11-01", "--to", "2025-01-04");
        CliRun run = cli(dir);

        CliRun.Result result = run.run(ARCHIVE_BACKFILL);

        assertThat(rest.exitCode()).isZero();
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Candle> stored = run.candles(BTC);
        assertThat(stored).hasSize((int) ((END - NOV) / H));
        assertThat(stored).containsExactlyElementsOf(cli(restDir).candles(BTC));
        assertThat(archive.downloads(NOVEMBER)).isEqualTo(1);
        assertThat(result.out()).as("December and 3 January from the REST API, a page a day")
                .contains(": 32 pages fetched, 1536 stored, 0 already present, 0 rejected");
    }

    @Test
    void shouldFailNamingAFileWithAWrongChecksumStoreTheOthersAndDownloadOnlyItWhenRestarted() {
        archive.serveWithWrongChecksum(JAN_2, csv(JAN_2, true, false));
        CliRun run = cli(dir);

        CliRun.Result failed = run.run(ARCHIVE_BACKFILL);

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("(FAILED, execution 1)")
                .contains("failed: binance archive BTCUSDT-1h-2025-01-02.zip: SHA-256 ")
                .contains("its CHECKSUM states; nothing stored from it");
        List<Candle> stored = run.candles(BTC);
        long jan2 = JAN_2.start();
        assertThat(stored).hasSize((int) ((END - NOV) / H) - 24)
                .extracting(Candle::openTime).noneMatch(t -> t >= jan2 && t < jan2 + 24 * H)
                .contains(NOV, JAN_1.start(), JAN_2.end(), END - H);
        CliRun.Result gaps = run.run("gaps", "--exchange", "binance");
        assertThat(gaps.out()).as("the day left out is a gap, as one the REST API left out")
                .contains("2025-01-02T00:00:00Z").contains("24");

        archive.serve(JAN_2, csv(JAN_2, true, false));
        CliRun.Result restarted = run.run(ARCHIVE_BACKFILL);

        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(run.candles(BTC)).hasSize((int) ((END - NOV) / H))
                .extracting(Candle::openTime).doesNotHaveDuplicates();
        assertThat(archive.downloads(NOVEMBER)).as("a file done is not downloaded again").isEqualTo(1);
        assertThat(archive.downloads(JAN_1)).isEqualTo(1);
        assertThat(archive.downloads(JAN_2)).isEqualTo(2);
    }

    @Test
    void shouldRefuseTheArchiveForAnotherExchange() {
        CliRun.Result result = cli(dir).run("backfill", "--exchange", "kraken", "--symbol", "BTC/USD",
                "--timeframe", "1h", "--source", "archive");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--source archive is Binance's public data archive: it goes with --exchange binance, not --exchange kraken");
    }

    @Test
    void shouldRefuseAnUnknownSource() {
        CliRun run = cli(dir);
        CliRun.Result result = run.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT",
                "--timeframe", "1h", "--source", "vision");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown --source 'vision' (expected api or archive)");
        assertThat(run.migrated()).as("nothing written: no database").isFalse();
    }
}
