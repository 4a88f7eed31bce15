package dev.tradingbatch.jobs.verify;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} on three exchanges' BTC 1h candles imported from files, with planted faults: at hour 20 Coinbase's candle
 * is 10% above the others, at hour 30 Kraken's candle has a wick fifty times its neighbours' range, at hour 35 Binance's
 * candle has no volume but moved. Binance quotes USDT, the others USD.
 */
class VerifyCommandTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = 3_600_000L;
    static final int HOURS = 40;

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void plant() throws IOException {
        cli = new CliRun(dir);
        // a close a little different per exchange (0.01%), ranges of 100 around 40000
        importSeries("binance", "BTC/USDT", h -> h == 35 ? row(h, "40000.5", "40000.5", "40000.5", "40000.5", "0")
                : row(h, "40000", "40050", "39950", "40001.5", "1.25"));
        importSeries("coinbase", "BTC/USD", h -> h == 20 ? row(h, "44000", "44050", "43950", "44000", "2")
                : row(h, "40000", "40050", "39950", "40000", "2"));
        importSeries("kraken", "BTC/USD", h -> h == 30 ? row(h, "40000", "42500", "37500", "40002.1", "0.5")
                : row(h, "40000", "40050", "39950", "40002.1", "0.5"));
    }

    @Test
    void shouldListTheCandleWhereTwoExchangesCloseApartAndTheWickOfOne() {
        CliRun.Result r = cli.run("verify", "--symbol", "BTC/USD", "--timeframe", "1h");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("verify BTC/USD 1h [2024-01-01T00:00:00Z, 2024-01-02T16:00:00Z): coinbase BTC/USD, "
                        + "kraken BTC/USD")
                .contains("left out, in another quote: binance BTC/USDT")
                .contains("across exchanges: 40 candles compared, on 1 the closes spread more than 1.00% apart:")
                // (44000 - 40002.1) / 42001.05, the median of the two
                .contains("  2024-01-01T20:00:00Z  spread 9.52%  coinbase 44000, kraken 40002.1  (two exchanges: "
                        + "a third would tell which strays)")
                .contains("outliers: 1:")
                // range 5000 against the neighbours' 100
                .contains("  2024-01-02T06:00:00Z  kraken BTC/USD 1h  wick 50.0 times the range of the candles around it");
    }

    @Test
    void shouldNameTheExchangeThatStraysWhenThreeCompareAndAQuoteIsTakenAsTheSame() {
        CliRun.Result r = cli.run("verify", "--symbol", "BTC/USD", "--timeframe", "1h", "--quote-alias", "USDT");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("): binance BTC/USDT, coinbase BTC/USD, kraken BTC/USD")
                .doesNotContain("left out")
                .contains("  2024-01-01T20:00:00Z  spread 10.00%  binance 40001.5, coinbase 44000, kraken 40002.1  "
                        + "(strays: coinbase)")
                .contains("outliers: 2:")
                .contains("  2024-01-02T11:00:00Z  binance BTC/USDT 1h  no volume, yet the price moved");
    }

    @Test
    void shouldExitZeroOnARangeWithoutFindingsAndChangeNothing() {
        long candles = cli.queryForObject("SELECT COUNT(*) FROM candles", Long.class);
        long executions = cli.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);

        CliRun.Result r = cli.run("verify", "--symbol", "BTC/USD", "--timeframe", "1h", "--from", "2024-01-01T00:00:00Z",
                "--to", "2024-01-01T20:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("across exchanges: 20 candles compared, no closes spread more than 1.00% apart")
                .contains("outliers: none");
        assertThat(cli.queryForObject("SELECT COUNT(*) FROM candles", Long.class)).isEqualTo(candles);
        assertThat(cli.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isEqualTo(executions);
    }

    @Test
    void shouldSayWhenOnlyOneExchangeStoresThePair() {
        CliRun.Result r = cli.run("verify", "--symbol", "BTC/USDT", "--timeframe", "1h");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("across exchanges: only binance stores BTC/USDT 1h, nothing to compare it with")
                .contains("no volume, yet the price moved");
    }

    @Test
    void shouldRefuseBadInputInOneLine() {
        assertBadInput(cli.run("verify", "--symbol", "BTCUSD", "--timeframe", "1h"),
                "error: --symbol BTCUSD is not a pair written BASE/QUOTE (BTC/USD)");
        assertBadInput(cli.run("verify", "--symbol", "BTC/USD", "--timeframe", "7m"), "error: --timeframe 7m");
        assertBadInput(cli.run("verify", "--symbol", "BTC/USD", "--timeframe", "1d"),
                "error: no stored series of BTC/USD 1d; stored: coinbase BTC/USD 1h, kraken BTC/USD 1h");
        assertBadInput(cli.run("verify", "--symbol", "DOGE/USD", "--timeframe", "1h"),
                "error: no stored series of DOGE/USD 1h (see: markets)");
        assertBadInput(cli.run("verify", "--symbol", "BTC/USD", "--timeframe", "1h", "--threshold", "0"),
                "error: --threshold 0.0 must be a percent above 0");
    }

    @Test
    void shouldFindTheSameAcrossWindowsOfAFewCandles() {
        CandleRepository candles = new CandleRepository(new DriverManagerDataSource(cli.url()));
        VerifyService.Request all = new VerifyService.Request("BTC/USD", "1h", null, null, 1, 10, Set.of("USDT"), 20);

        VerifyResult whole = new VerifyService(candles).verify(all);
        VerifyResult windowed = new VerifyService(candles, 7).verify(all);

        assertThat(windowed.candlesCompared()).isEqualTo(whole.candlesCompared()).isEqualTo(HOURS);
        assertThat(windowed.strays()).isEqualTo(whole.strays()).hasSize(1);
        assertThat(windowed.outliers()).containsExactlyInAnyOrderElementsOf(whole.outliers()).hasSize(2);
    }

    private static void assertBadInput(CliRun.Result r, String line) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith(line).doesNotContain("\n");
    }

    private void importSeries(String exchange, String symbol, IntFunction<String> row) throws IOException {
        StringBuilder csv = new StringBuilder("open_time,open,high,low,close,volume\n");
        for (int h = 0; h < HOURS; h++) {
            csv.append(row.apply(h)).append('\n');
        }
        Path file = Files.writeString(dir.resolve(exchange + ".csv"), csv);
        CliRun.Result imported = cli.run("backfill", "--exchange", "file", "--file", file.toString(), "--symbol", symbol,
                "--timeframe", "1h", "--as", exchange);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    private static String row(int hour, String open, String high, String low, String close, String volume) {
        return (T0 + hour * H) + "," + open + "," + high + "," + low + "," + close + "," + volume;
    }
}
