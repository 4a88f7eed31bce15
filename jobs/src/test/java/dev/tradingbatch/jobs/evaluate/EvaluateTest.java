package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.demo.SettableClock;
import dev.tradingbatch.jobs.support.DeadRuns;
import dev.tradingbatch.model.Fill;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Paper trading on real candles (Bitstamp BTC/USD 5m, Nov 2013) through the evaluate command. */
class EvaluateTest {

    static final long M5 = Timeframe.M5.millis();

    @TempDir
    Path dir;
    CliRun cli;
    List<Candle> candles;

    @BeforeEach
    void importSample() {
        cli = new CliRun(dir);
        candles = BitstampSample.importInto(cli);
        BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"));
        BitstampSample.declare(cli, "macd-bs-5m", "macd", Map.of());
    }

    /** Runs evaluate as the scheduler would just after the candle opening at {@code openTime} closed. */
    private CliRun.Result evaluateAfter(String id, long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", id);
    }

    /** What the strategy signals evaluating every candle from {@code first} on, computed directly. */
    private List<Fill> expected(String type, Map<String, String> params, long first, long through) {
        return BitstampSample.fills(candles, type, params, first, through);
    }

    private List<Map<String, Object>> storedTrades(String id) {
        return cli.query("SELECT side, price, quantity, fee, candle_time, pnl, pnl_percent FROM strategy_trades "
                + "WHERE strategy_id = ? ORDER BY candle_time, side", id);
    }

    private static List<Map<String, Object>> rows(List<Fill> fills) {
        return fills.stream().map(f -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("side", f.side().code());
            m.put("price", f.price().toPlainString());
            m.put("quantity", f.quantity().toPlainString());
            m.put("fee", f.fee().toPlainString());
            m.put("candle_time", f.candleTime());
            m.put("pnl", f.pnl() == null ? null : f.pnl().toPlainString());
            m.put("pnl_percent", f.pnlPercent() == null ? null : f.pnlPercent().toPlainString());
            return (Map<String, Object>) m;
        }).toList();
    }

    @Test
    void shouldTradeEachNewCandleOnceAndKeepStrategiesApart() {
        long first = candles.get(300).openTime();
        List<Long> stops = List.of(first, candles.get(301).openTime(), candles.get(700).openTime(),
                candles.get(1200).openTime(), candles.get(1916).openTime());
        for (long t : stops) {
            CliRun.Result rsi = evaluateAfter("rsi-bs-5m", t);
            CliRun.Result macd = evaluateAfter("macd-bs-5m", t);
            assertThat(rsi.exitCode()).as(rsi.out() + rsi.err()).isZero();
            assertThat(macd.exitCode()).as(macd.out() + macd.err()).isZero();
        }
        long last = candles.get(1916).openTime();
        List<Fill> rsiFills = expected("rsi", Map.of("period", "14", "oversold", "35", "overbought", "65"), first, last);
        List<Fill> macdFills = expected("macd", Map.of(), first, last);

        assertThat(rsiFills).hasSizeGreaterThan(4);
        assertThat(macdFills).hasSizeGreaterThan(4);
        assertThat(storedTrades("rsi-bs-5m")).isEqualTo(rows(rsiFills));
        assertThat(storedTrades("macd-bs-5m")).isEqualTo(rows(macdFills));

        CliRun.Result again = evaluateAfter("rsi-bs-5m", last);
        assertThat(again.out()).contains("nothing new, evaluated up to the candle of 2013-12-01T16:00:00Z");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isEqualTo(rsiFills.size() + macdFills.size());
        // the seed's Query 2 gives the closed trades' totals
        Map<String, Object> q2 = cli.query("""
                SELECT strategy_id, COUNT(*) as total_trades, SUM(pnl) as total_pnl, AVG(pnl_percent) as avg_return,
                       SUM(CASE WHEN pnl > 0 THEN 1 ELSE 0 END) as winning_trades,
                       SUM(CASE WHEN pnl < 0 THEN 1 ELSE 0 END) as losing_trades
                FROM trades WHERE strategy_id = 'rsi-bs-5m' GROUP BY strategy_id""").getFirst();
        List<Fill> sells = rsiFills.stream().filter(f -> f.pnl() != null).toList();
        assertThat(((Number) q2.get("total_trades")).intValue()).isEqualTo(rsiFills.size());
        assertThat(((Number) q2.get("total_pnl")).doubleValue()).isCloseTo(
                sells.stream().map(Fill::pnl).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) q2.get("winning_trades")).intValue())
                .isEqualTo((int) sells.stream().filter(f -> f.pnl().signum() > 0).count());
        assertThat(((Number) q2.get("losing_trades")).intValue())
                .isEqualTo((int) sells.stream().filter(f -> f.pnl().signum() < 0).count());
    }

    @Test
    void shouldSayWhenCandlesAreMissingAndTradeNothing() {
        long afterLast = candles.getLast().openTime() + M5;
        CliRun.Result late = evaluateAfter("rsi-bs-5m", afterLast);
        CliRun.Result early = evaluateAfter("rsi-bs-5m", candles.get(100).openTime());

        assertThat(late.exitCode()).isZero();
        assertThat(late.out()).isEqualTo("evaluate rsi-bs-5m (rsi on bitstamp BTC/USD 5m): the candle of "
                + "2013-12-01T16:05:00Z is not stored yet (newest stored: 2013-12-01T16:00:00Z); nothing evaluated, "
                + "run the backfill first\n");
        assertThat(early.out()).contains("needs 154 candles of history before 2013-11-25T08:20:00Z, stored from "
                + "2013-11-25T00:00:00Z only; nothing evaluated");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?",
                JobNames.EVALUATE_STRATEGY_JOB)).isZero();
    }

    @Test
    void shouldTellWhatKeptTheEvaluationFromRunningInItsResult() {
        Map<String, Object> properties = new HashMap<>(Map.of("spring.datasource.url", cli.url(),
                "trading.backfill.progress", "never"));
        String key = "trading.strategies.rsi-bs-5m.";
        properties.putAll(Map.of(key + "exchange", "bitstamp", key + "symbol", "BTC/USD", key + "timeframe", "5m",
                key + "type", "rsi", key + "stake", "1000", key + "params.period", "14"));
        SettableClock clock = new SettableClock();
        try (ConfigurableApplicationContext ctx = new Launcher(properties, Map.of("movingClock", clock)).start()) {
            EvaluateService evaluate = ctx.getBean(EvaluateService.class);

            clock.set(Instant.ofEpochMilli(candles.getLast().openTime() + 2 * M5 + 1000));
            assertThat(evaluate.run("rsi-bs-5m")).isInstanceOfSatisfying(EvaluationResult.CandleNotStored.class, r -> {
                assertThat(r.through()).isEqualTo(candles.getLast().openTime() + M5);
                assertThat(r.newestStored()).hasValue(candles.getLast().openTime());
                assertThat(r.succeeded()).isTrue();
            });

            clock.set(Instant.ofEpochMilli(candles.get(100).openTime() + M5 + 1000));
            assertThat(evaluate.run("rsi-bs-5m")).isInstanceOfSatisfying(EvaluationResult.NotEnoughHistory.class, r -> {
                assertThat(r.first()).isEqualTo(candles.get(100).openTime());
                assertThat(r.firstStored()).isEqualTo(candles.getFirst().openTime());
                assertThat(r.loadFrom()).isEqualTo(candles.get(100).openTime() - 154 * M5);
            });

            clock.set(Instant.ofEpochMilli(candles.get(300).openTime() + M5 + 1000));
            assertThat(evaluate.run("rsi-bs-5m")).isInstanceOfSatisfying(EvaluationResult.Evaluated.class, r -> {
                assertThat(r.through()).isEqualTo(candles.get(300).openTime());
                assertThat(r.evaluated()).isEqualTo(1);
                assertThat(r.run().completed()).isTrue();
                assertThat(r.run().recovered()).isEmpty();
            });
            assertThat(evaluate.run("rsi-bs-5m")).isInstanceOfSatisfying(EvaluationResult.NothingNew.class,
                    r -> assertThat(r.evaluatedThrough()).isEqualTo(candles.get(300).openTime()));
        }
    }

    @Test
    void shouldKeepEarlierTradesWithTheirParametersWhenParametersChange() {
        long first = candles.get(300).openTime();
        evaluateAfter("rsi-bs-5m", first);
        evaluateAfter("rsi-bs-5m", candles.get(1000).openTime());
        long before = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'rsi-bs-5m'");
        assertThat(before).isPositive();

        cli.with("trading.strategies.rsi-bs-5m.params.oversold", "30");
        CliRun.Result changed = evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());

        assertThat(changed.exitCode()).as(changed.out() + changed.err()).isZero();
        assertThat(cli.query("SELECT params FROM strategies WHERE strategy_id = 'rsi-bs-5m'"))
                .containsExactly(Map.of("params", "{\"overbought\":\"65\",\"oversold\":\"30\",\"period\":\"14\"}"));
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'rsi-bs-5m' AND params = ?",
                "{\"overbought\":\"65\",\"oversold\":\"35\",\"period\":\"14\"}")).isEqualTo(before);
    }

    @Test
    void shouldRestartAnEvaluationKilledAfterItsTradesWereStoredWithoutADuplicate() {
        long first = candles.get(300).openTime();
        evaluateAfter("rsi-bs-5m", first);
        CliRun.Result done = evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());
        assertThat(done.exitCode()).isZero();
        List<Map<String, Object>> stored = storedTrades("rsi-bs-5m");
        long execution = cli.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
        DeadRuns.plant(cli, execution);   // as if killed between storing the trades and recording the end

        CliRun.Result again = evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("execution " + execution + " was left STARTED: process ")
                .contains(", 0 trades (COMPLETED");
        assertThat(storedTrades("rsi-bs-5m")).isEqualTo(stored);
    }

    @Test
    void shouldRoundQuantitiesToTheMarketsAmountPrecisionFromCachedMetadata() {
        cli.update("INSERT INTO market_metadata (exchange, symbol, price_precision, amount_precision, fetched_at) "
                + "VALUES ('bitstamp', 'BTC/USD', 2, 3, 0)");
        evaluateAfter("rsi-bs-5m", candles.get(300).openTime());
        evaluateAfter("rsi-bs-5m", candles.get(1916).openTime());

        List<Map<String, Object>> trades = storedTrades("rsi-bs-5m");
        assertThat(trades).isNotEmpty();
        assertThat(trades).extracting(t -> new BigDecimal((String) t.get("quantity")).scale()).allMatch(scale -> scale <= 3);
        // a buy spends at most the stake: quantity rounded down to 0.001
        Map<String, Object> buy = trades.getFirst();
        BigDecimal price = new BigDecimal((String) buy.get("price"));
        BigDecimal quantity = new BigDecimal((String) buy.get("quantity"));
        assertThat(quantity).isEqualByComparingTo(new BigDecimal("1000").divide(price, 3, java.math.RoundingMode.DOWN));
    }
}
