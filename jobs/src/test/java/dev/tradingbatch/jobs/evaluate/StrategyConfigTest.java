package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Declared strategies are checked at start-up: a bad one names the strategy and the key, exit code 2, nothing written. */
class StrategyConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            type                  | momentum | strategy 'btc-bin-1h': unknown strategy type 'momentum' (known: macd, rsi, scalping, trend)
            type                  |          | strategy 'btc-bin-1h': type missing
            params.period         | 1        | strategy 'btc-bin-1h': param 'period' must be an integer in [2, 500], got '1'
            params.oversold       | 80       | strategy 'btc-bin-1h': param 'oversold' (80) must be below 'overbought' (70)
            params.speed          | 3        | strategy 'btc-bin-1h': unknown param 'speed' for rsi (known: overbought, oversold, period, stop-loss, take-profit)
            exchange              | bitstamp | strategy 'btc-bin-1h': exchange unknown market 'bitstamp BTC/USDT 1h' (the exchange must be binance, coinbase, kraken, or a series imported with backfill --exchange file --as)
            exchange              |          | strategy 'btc-bin-1h': exchange missing
            symbol                | BTCUSDT  | strategy 'btc-bin-1h': symbol 'BTCUSDT' is not BASE/QUOTE, e.g. BTC/USDT
            timeframe             | 2h       | strategy 'btc-bin-1h': timeframe unknown timeframe '2h' (expected one of 1m, 5m, 15m, 1h, 4h, 1d)
            stake                 |          | strategy 'btc-bin-1h': stake missing (the quote currency spent on each entry, e.g. stake: 1000)
            stake                 | -5       | strategy 'btc-bin-1h': stake must be > 0, got -5
            fee-rate              | 1.5      | strategy 'btc-bin-1h': fee-rate must be in [0, 1), got 1.5
            slippage-bps          | -1       | strategy 'btc-bin-1h': slippage-bps must be in [0, 10000), got -1
            """)
    void shouldRefuseABadDeclaration(String key, String value, String message) {
        CliRun cli = valid();
        cli.with("trading.strategies.btc-bin-1h." + key, value == null ? "" : value);

        CliRun.Result r = cli.run("evaluate", "--strategy", "btc-bin-1h");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
        assertThat(cli.count("SELECT COUNT(*) FROM strategies")).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            coinbase | 4h | strategy 'btc-bin-1h': timeframe coinbase does not serve 4h candles
            """)
    void shouldRefuseATimeframeTheExchangeDoesNotServe(String exchange, String timeframe, String message) {
        CliRun cli = valid().with("trading.strategies.btc-bin-1h.exchange", exchange)
                .with("trading.strategies.btc-bin-1h.timeframe", timeframe);

        CliRun.Result r = cli.run("evaluate", "--strategy", "btc-bin-1h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
    }

    @org.junit.jupiter.api.Test
    void shouldNameTheDeclaredStrategiesForAnUnknownId() {
        CliRun cli = valid();

        CliRun.Result r = cli.run("evaluate", "--strategy", "eth-bin-1h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: unknown strategy 'eth-bin-1h' (declared: btc-bin-1h)\n");
        assertThat(cli.query("SELECT strategy_id FROM strategies")).as("declaring writes nothing").isEmpty();
    }

    private CliRun valid() {
        return new CliRun(dir).with("trading.strategies.btc-bin-1h.exchange", "binance")
                .with("trading.strategies.btc-bin-1h.symbol", "BTC/USDT")
                .with("trading.strategies.btc-bin-1h.timeframe", "1h")
                .with("trading.strategies.btc-bin-1h.type", "rsi")
                .with("trading.strategies.btc-bin-1h.params.period", "14")
                .with("trading.strategies.btc-bin-1h.stake", "1000");
    }
}
