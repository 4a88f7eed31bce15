package dev.tradingbatch.strategies.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.StrategySpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Metrics#compute} and {@link Metrics#summary} give exactly (every BigDecimal with its scale, every double to
 * the bit) the metrics that the code before the summary gave ({@link MetricsBefore}: the per-candle BigDecimal curve,
 * drawdown and returns of commit d2db7d8, computed independently; the code that did not change reused), on generated
 * paths: random walks with random fills (gains, losses, equity below zero, falls that tie the deepest drawdown) and
 * the fills of every strategy on a longer walk.
 */
class MetricsBeforeTest {

    private static final Timeframe M1 = Timeframe.M1;

    static Stream<Integer> seeds() {
        return IntStream.range(0, 300).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldEqualTheMetricsBeforeOnRandomPathsAndFills(int seed) {
        Random random = new Random(seed);
        List<Candle> candles = walk(random, 50 + random.nextInt(3000));
        FillModel model = new FillModel(new BigDecimal(random.nextInt(1, 100_000)).movePointLeft(random.nextInt(3)),
                new BigDecimal(random.nextInt(30)).movePointLeft(4), new BigDecimal(random.nextInt(20)),
                random.nextInt(0, 10));
        List<Fill> fills = randomFills(random, candles, model, 0.005 + random.nextDouble() * 0.1);

        assertSame(candles, fills, model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsi", "macd", "scalping", "trend"})
    void shouldEqualTheMetricsBeforeOnEveryStrategysFills(String type) {
        StrategySpec spec = StrategySpec.of(type, Map.of());
        FillModel model = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"), new BigDecimal("2"), 5);
        List<Candle> all = ohlcWalk(new Random(type.hashCode()), 60_000);
        PaperTrader trader = new PaperTrader(spec, M1, model);
        List<Fill> fills = new ArrayList<>();
        int warmUp = spec.warmUpBars();
        for (int i = 0; i < all.size(); i++) {
            if (i < warmUp) {
                trader.warmUp(all.get(i));
            } else {
                trader.onCandle(all.get(i)).ifPresent(fills::add);
            }
        }
        assertThat(fills).hasSizeGreaterThan(10);

        assertSame(all.subList(warmUp, all.size()), fills, model);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void shouldKeepTheFirstOfEqualDeepestDrawdownsAndFindABarelyDeeperOne(int amountDecimals) {
        // the same fall again and again, 100 → 90 while holding and flat in between; then one 10^-8 deeper
        List<Candle> candles = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        FillModel model = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, amountDecimals);
        for (int round = 0; round <= 50; round++) {
            int first = candles.size();
            String trough = round < 50 ? "90" : "89.99999999";
            for (String close : List.of("100", "95", trough, "100", "100")) {
                candles.add(candle(candles.size(), new BigDecimal(close)));
            }
            Fill buy = model.buy(candles.get(first).openTime(), candles.get(first).close()).orElseThrow();
            fills.add(buy);
            fills.add(model.sell(candles.get(first + 3).openTime(), candles.get(first + 3).close(), buy));
        }

        BacktestMetrics summary = assertSame(candles, fills, model);
        assertThat(summary.maxDrawdown()).hasValueSatisfying(d -> assertThat(d.troughTime())
                .isEqualTo(candles.get(candles.size() - 3).openTime() + M1.millis()));

        List<Candle> ties = candles.subList(0, candles.size() - 5);
        summary = assertSame(ties, fills.subList(0, fills.size() - 2), model);
        assertThat(summary.maxDrawdown()).hasValueSatisfying(d -> assertThat(d.troughTime())
                .isEqualTo(ties.get(2).openTime() + M1.millis()));
    }

    /** Asserts both ways of computing equal the code before; returns the summary. */
    private static BacktestMetrics assertSame(List<Candle> candles, List<Fill> fills, FillModel model) {
        BacktestMetrics before = MetricsBefore.compute(candles, fills, model, M1);

        assertThat(Metrics.compute(candles, fills, model, M1)).isEqualTo(before);
        BacktestMetrics summary = Metrics.summary(CandleCloses.of(candles), fills, model, M1);
        assertThat(summary).isEqualTo(withoutCurve(before));
        return summary;
    }

    private static BacktestMetrics withoutCurve(BacktestMetrics m) {
        return new BacktestMetrics(m.start(), m.end(), m.candles(), m.startEquity(), m.finalEquity(), m.realisedPnl(),
                m.unrealisedPnl(), m.openPosition(), m.totalReturnPercent(), m.annualisedReturnPercent(),
                m.maxDrawdown(), m.trades(), m.wins(), m.losses(), m.winRatePercent(), m.grossProfit(), m.grossLoss(),
                m.profitFactor(), m.sharpe(), m.sortino(), m.exposurePercent(), m.buyAndHoldReturnPercent(), List.of());
    }

    /** A random walk of 1m candles with a random tick (0 to 8 decimals) and volatility, sometimes flat. */
    private static List<Candle> walk(Random random, int n) {
        int scale = random.nextInt(9);
        double volatility = random.nextInt(10) == 0 ? 0 : 0.0002 + random.nextDouble() * 0.02;
        long open = Math.max(1, (long) (Math.pow(10, scale) * (1 + random.nextDouble() * 50_000)));
        List<Candle> candles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long close = Math.max(1, Math.round(open * Math.exp(random.nextGaussian() * volatility)));
            candles.add(candle(i, BigDecimal.valueOf(close, scale)));
            open = close;
        }
        return candles;
    }

    /** A random walk of 1m candles on a 0.01 tick with highs and lows, as the strategies need. */
    private static List<Candle> ohlcWalk(Random random, int n) {
        List<Candle> candles = new ArrayList<>(n);
        long open = 4_200_000;
        for (int i = 0; i < n; i++) {
            long close = Math.max(100, Math.round(open * Math.exp(random.nextGaussian() * 0.002)));
            long high = Math.max(open, close) + random.nextInt(300);
            long low = Math.min(open, close) - random.nextInt(300);
            candles.add(new Candle(1_704_067_200_000L + i * M1.millis(), BigDecimal.valueOf(open, 2),
                    BigDecimal.valueOf(high, 2), BigDecimal.valueOf(low, 2), BigDecimal.valueOf(close, 2),
                    BigDecimal.valueOf(1_500_000 + random.nextInt(100_000), 5)));
            open = close;
        }
        return candles;
    }

    private static Candle candle(int i, BigDecimal close) {
        return new Candle(1_704_067_200_000L + i * M1.millis(), close, close, close, close, BigDecimal.ONE);
    }

    /** BUY and SELL alternately on random candles, each candle trading with probability {@code rate}. */
    private static List<Fill> randomFills(Random random, List<Candle> candles, FillModel model, double rate) {
        List<Fill> fills = new ArrayList<>();
        Fill open = null;
        for (Candle c : candles) {
            if (random.nextDouble() >= rate) {
                continue;
            }
            if (open == null) {
                open = model.buy(c.openTime(), c.close()).orElse(null);
                if (open != null) {
                    fills.add(open);
                }
            } else {
                fills.add(model.sell(c.openTime(), c.close(), open));
                open = null;
            }
        }
        return fills;
    }
}
