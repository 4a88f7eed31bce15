package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.evaluate.EvaluationResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity on real data (Bitstamp BTC/USD 5m, Nov 2013): replaying a range gives exactly the trades that
 * evaluating the same candles one at a time, as the scheduled trader does after each candle closes, gives:
 * for each built-in type and for strategies declared in ta4j's JSON (two of the README's examples).
 */
class ReplayParityIT {

    static final Path SAMPLE = Path.of("..", "samples", "bitstamp-BTC-USD-5m.csv");
    static final MarketKey MARKET = new MarketKey("bitstamp", "BTC/USD", Timeframe.M5);
    static final long M5 = Timeframe.M5.millis();
    static final String TRADES = "SELECT side, price, quantity, fee, candle_time, pnl, pnl_percent, params "
            + "FROM strategy_trades WHERE strategy_id = ? AND run_id = ? ORDER BY candle_time, side";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            rsi      | period=14,oversold=35,overbought=65          | 160 | 700
            macd     | fast=12,slow=26,signal=9                     | 220 | 700
            scalping | fast=5,slow=20,take-profit=0.6,stop-loss=0.4 | 130 | 500
            trend    | fast=10,slow=30,adx-period=14,adx-threshold=20,trailing-stop=2 | 320 | 500
            ta4j     | definition-file=../config/strategies/sma-trend.json          | 220 | 400
            ta4j     | definition-file=../config/strategies/bollinger-breakout.json | 130 | 400
            """)
    void shouldReplayExactlyWhatEvaluatingCandleByCandleTraded(String type, String params, int firstIndex, int count) {
        CliRun cli = new CliRun(dir);
        assertThat(cli.run("backfill", "--exchange", "file", "--file", SAMPLE.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m").exitCode()).isZero();
        List<Candle> candles = cli.candles(MARKET);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", cli.url());
        properties.put("trading.backfill.progress", "never");
        String key = "trading.strategies.parity.";
        properties.put(key + "exchange", "bitstamp");
        properties.put(key + "symbol", "BTC/USD");
        properties.put(key + "timeframe", "5m");
        properties.put(key + "type", type);
        properties.put(key + "stake", "1000");
        properties.put(key + "fee-rate", "0.001");
        properties.put(key + "slippage-bps", "5");
        for (String pair : params.split(",")) {
            String[] kv = pair.split("=");
            // a ta4j strategy's parameters are in its definition, which the README's examples keep in files
            properties.put(key + (kv[0].equals("definition-file") ? "" : "params.") + kv[0], kv[1]);
        }
        SettableClock clock = new SettableClock();
        long from = candles.get(firstIndex).openTime();
        long to = candles.get(firstIndex + count).openTime();
        int liveTrades = 0;
        try (ConfigurableApplicationContext ctx = new Launcher(properties, Map.of("movingClock", clock)).start()) {
            EvaluateService evaluate = ctx.getBean(EvaluateService.class);
            for (Candle c : candles.subList(firstIndex, firstIndex + count)) {
                clock.set(Instant.ofEpochMilli(c.openTime() + M5 + 1_000));   // just after it closed
                EvaluationResult result = evaluate.run("parity");
                assertThat(result).as("the candle of %s", Instant.ofEpochMilli(c.openTime()))
                        .isInstanceOfSatisfying(EvaluationResult.Evaluated.class, e -> {
                            assertThat(e.through()).isEqualTo(c.openTime());
                            assertThat(e.evaluated()).isEqualTo(1);
                        });
                liveTrades += ((EvaluationResult.Evaluated) result).trades().size();
            }
            ReplayService.Outcome replay = ctx.getBean(ReplayService.class)
                    .run("parity", String.valueOf(from), String.valueOf(to), List.of());

            List<Map<String, Object>> live = cli.query(TRADES, "parity", RunIds.LIVE);
            List<Map<String, Object>> replayed = cli.query(TRADES, "parity", replay.runId());
            assertThat(live).as("the live trader traded").hasSizeGreaterThanOrEqualTo(2);
            assertThat(replayed).isEqualTo(live);
            assertThat(live).as("the trades each evaluation said it stored").hasSize(liveTrades);
            assertThat(replay.evaluated()).isEqualTo(count);
            assertThat(replay.trades()).isEqualTo(liveTrades);
        }
    }
}
