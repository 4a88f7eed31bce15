package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing CSV files through the backfill job: the offline path, and the bundled real sample data. */
class FileBackfillTest {

    static final Path ETH_SAMPLE = Path.of("..", "samples", "binanceus-ETH-USD-5m.csv");
    static final MarketKey ETH = new MarketKey("binanceus", "ETH/USD", Timeframe.M5);

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(dir);
    }

    @Test
    void shouldImportTheSampleExactlyAndOnlyOnce() throws IOException {
        CliRun.Result r = cli.run("backfill", "--exchange", "file", "--file", ETH_SAMPLE.toString(), "--as", "binanceus",
                "--symbol", "ETH/USD", "--timeframe", "5m");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("580 stored, 0 already present, 0 rejected (COMPLETED");
        List<String> lines = Files.readAllLines(ETH_SAMPLE);
        List<Candle> stored = cli.candles(ETH);
        assertThat(stored).hasSize(lines.size() - 1);
        for (int i = 0; i < stored.size(); i++) {
            Candle c = stored.get(i);
            assertThat(String.join(",", String.valueOf(c.openTime()), plain(c.open()), plain(c.high()), plain(c.low()),
                    plain(c.close()), plain(c.volume()))).isEqualTo(lines.get(i + 1));
        }

        CliRun.Result again = cli.run("backfill", "--exchange", "file", "--file", ETH_SAMPLE.toString(), "--as",
                "binanceus", "--symbol", "ETH/USD", "--timeframe", "5m");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("was completed by an earlier run");
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data WHERE exchange = 'binanceus'")).isEqualTo(580);

        CliRun.Result markets = cli.run("markets");
        assertThat(markets.out()).contains("binanceus  ETH/USD      5m        2023-03-13T18:00:00Z "
                + "2023-03-15T18:15:00Z       580       580         0         0         0         0\n");
    }

    @Test
    void shouldKeepRefusedRowsWithTheirReasonAndStoreTheRest() throws IOException {
        Path csv = dir.resolve("candles.csv");
        Files.writeString(csv, """
                open_time,open,high,low,close,volume
                2024-01-01T00:00:00Z,100.5,101,99.5,100,12.5
                2024-01-01T01:00:00Z,100,99,101,100,1
                2024-01-01T02:00:00Z,100,101,99,100,-3
                2024-01-01T03:00:00Z,abc,101,99,100,1
                2024-01-01T04:30:00Z,100,101,99,100,1
                1704085200000,100,101,99,102,1
                1704088800000,100,101,99,100.25,0
                """);

        CliRun.Result r = cli.run("backfill", "--exchange", "file", "--file", csv.toString(), "--symbol", "BTC/USD",
                "--timeframe", "1h");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 stored, 0 already present, 5 rejected");
        assertThat(cli.candles(new MarketKey("file", "BTC/USD", Timeframe.H1))).extracting(Candle::openTime)
                .containsExactly(1704067200000L, 1704088800000L);
        assertThat(cli.query("SELECT raw, reason FROM rejected_candles ORDER BY id")).containsExactly(
                Map.of("raw", "2024-01-01T01:00:00Z,100,99,101,100,1", "reason", "high 99 < low 101"),
                Map.of("raw", "2024-01-01T02:00:00Z,100,101,99,100,-3", "reason", "negative volume -3"),
                Map.of("raw", "2024-01-01T03:00:00Z,abc,101,99,100,1", "reason", "open is not a number: 'abc'"),
                Map.of("raw", "2024-01-01T04:30:00Z,100,101,99,100,1",
                        "reason", "open time 2024-01-01T04:30:00Z is not on the 1h grid"),
                Map.of("raw", "1704085200000,100,101,99,102,1", "reason", "close 102 outside [low, high]"));
    }

    @Test
    void shouldRefuseAbsurdValuesAndTimesByTheirTextAndCandlesNotClosedYet() throws IOException {
        Path csv = dir.resolve("absurd.csv");
        Files.writeString(csv, """
                open_time,open,high,low,close,volume
                2024-01-01T00:00:00Z,100,101,99,100,1
                2024-01-01T05:00:00Z,100,101,99,100,1
                2024-01-01T06:00:00Z,100,101,99,100,1
                2024-01-01T07:00:00Z,100,101,99,100,1
                2024-01-01T08:00:00Z,100,101,99,100,1
                2024-01-01T09:00:00Z,100,101,99,100,1
                2024-01-01T01:00:00Z,1e400000000,101,99,100,1
                2024-01-01T02:00:00Z,100,101,99,100,1E-400000000
                10064366524800000,100,101,99,100,1
                +999999999-12-31T00:00:00Z,100,101,99,100,1
                2099-01-01T00:00:00Z,100,101,99,100,1
                """);

        CliRun.Result r = cli.run("backfill", "--exchange", "file", "--file", csv.toString(), "--symbol", "BTC/USD",
                "--timeframe", "1h");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 stored, 0 already present, 5 rejected");
        List<Object> reasons = cli.query("SELECT reason FROM rejected_candles ORDER BY id").stream()
                .map(row -> row.get("reason")).toList();
        assertThat(reasons.subList(0, 4)).containsExactly(
                "open '1e400000000' is out of range (beyond 10^64 or 10^-64)",
                "volume '1E-400000000' is out of range (beyond 10^64 or 10^-64)",
                "open time '10064366524800000' is out of range (1970-01-01 to 9999-12-31)",
                "open time '+999999999-12-31T00:00:00Z' is out of range (1970-01-01 to 9999-12-31)");
        assertThat((String) reasons.get(4)).startsWith("the candle of 2099-01-01T00:00:00Z has not closed yet (now 20");
        assertThat(cli.candles(new MarketKey("file", "BTC/USD", Timeframe.H1))).extracting(Candle::openTime)
                .containsExactly(1704067200000L, 1704085200000L, 1704088800000L, 1704092400000L, 1704096000000L,
                        1704099600000L);
    }

    @Test
    void shouldRefuseAFileOfGarbageBeforeReadingItAndWriteNothing() throws IOException {
        Path file = dir.resolve("garbage.csv");
        byte[] bytes = new byte[5_000_000];
        new java.util.Random(5).nextBytes(bytes);
        Files.write(file, bytes);

        CliRun.Result r = cli.run("backfill", "--exchange", "file", "--file", file.toString(), "--symbol", "BTC/USD",
                "--timeframe", "1h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --file " + file + " does not look like candles "
                + "(open_time,open,high,low,close,volume): 100 of its first 100 rows are not a time and five numbers")
                .hasLineCount(1);
        if (cli.migrated()) {
            assertThat(cli.count("SELECT COUNT(*) FROM rejected_candles")).isZero();
            assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isZero();
        }
    }

    @Test
    void shouldKeepTheFirstHundredRefusedRowsOfARunAndCountTheRest() throws IOException {
        StringBuilder csv = new StringBuilder("open_time,open,high,low,close,volume\n");
        long hour = 3_600_000L;
        for (int i = 0; i < 400; i++) {
            // from the 101st row on, every other row has its high below its low
            String high = i >= 100 && i % 2 == 0 ? "0.1" : "2";
            csv.append(1704067200000L + i * hour).append(",1,").append(high).append(",0.5,1,10\n");
        }
        Path file = dir.resolve("some-bad.csv");
        Files.writeString(file, csv);

        CliRun.Result r = cli.run("backfill", "--exchange", "file", "--file", file.toString(), "--symbol", "BTC/USD",
                "--timeframe", "1h");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("250 stored, 0 already present, 150 rejected (the first 100 kept in "
                + "rejected_candles)");
        assertThat(cli.count("SELECT COUNT(*) FROM rejected_candles")).isEqualTo(100);
        assertThat(cli.count("SELECT COUNT(*) FROM candles")).isEqualTo(250);
    }

    private static String plain(java.math.BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
