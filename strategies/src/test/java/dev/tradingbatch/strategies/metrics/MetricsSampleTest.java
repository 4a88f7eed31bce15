package dev.tradingbatch.strategies.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Metrics of PaperTrader replays on the Bitstamp sample agree with the fills and with each other. */
class MetricsSampleTest {

    /** Stake 1000, fee 0.1%, slippage 5 bps, 8 decimals. */
    private static final FillModel MODEL = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("5"), null);
    private static final List<Candle> SAMPLE = sample("bitstamp-BTC-USD-5m.csv");

    static Stream<StrategySpec> specs() {
        return Stream.of(
                StrategySpec.defaults(StrategyType.RSI),
                StrategySpec.of("rsi", Map.of("period", "7", "oversold", "35", "overbought", "60", "stop-loss", "1")),
                StrategySpec.defaults(StrategyType.MACD),
                StrategySpec.defaults(StrategyType.SCALPING),
                StrategySpec.of("trend", Map.of("fast", "10", "slow", "30", "adx-threshold", "20",
                        "trailing-stop", "1.5", "take-profit", "3")));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void shouldAgreeWithTheFillsOfAReplayEndingFlat(StrategySpec spec) {
        Replay replay = replay(spec, SAMPLE);
        // end on the last SELL's candle: flat at the end
        int lastSell = replay.indexOf(replay.fills.stream().filter(f -> f.side() == Side.SELL).toList().getLast());
        List<Candle> evaluated = replay.evaluated.subList(0, lastSell + 1);
        List<Fill> fills = replay.fills.stream().filter(f -> f.candleTime() <= evaluated.getLast().openTime()).toList();

        BacktestMetrics m = Metrics.compute(evaluated, fills, MODEL, Timeframe.M5);

        BigDecimal pnl = fills.stream().filter(f -> f.side() == Side.SELL).map(Fill::pnl)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(m.openPosition()).isEmpty();
        assertThat(m.finalEquity()).isEqualByComparingTo(MODEL.stake().add(pnl));
        assertThat(m.realisedPnl()).isEqualByComparingTo(pnl);
        assertThat(m.grossProfit().subtract(m.grossLoss())).isEqualByComparingTo(pnl);
        assertConsistent(m, evaluated, fills);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void shouldAgreeWithTheFillsOfAReplayEndingInAPosition(StrategySpec spec) {
        Replay replay = replay(spec, SAMPLE);
        // end on the candle before the last BUY's SELL, or on the last candle without one: the position is open
        int last = replay.fills.size() % 2 == 1 ? replay.fills.size() - 1 : replay.fills.size() - 2;
        Fill lastBuy = replay.fills.get(last);
        int end = last + 1 < replay.fills.size() ? replay.indexOf(replay.fills.get(last + 1)) - 1
                : replay.evaluated.size() - 1;
        List<Candle> evaluated = replay.evaluated.subList(0, end + 1);
        List<Fill> fills = replay.fills.stream().filter(f -> f.candleTime() <= evaluated.getLast().openTime()).toList();
        assertThat(fills.getLast()).isEqualTo(lastBuy);

        BacktestMetrics m = Metrics.compute(evaluated, fills, MODEL, Timeframe.M5);

        BigDecimal close = evaluated.getLast().close();
        assertThat(m.openPosition()).contains(lastBuy);
        assertThat(m.unrealisedPnl()).isEqualByComparingTo(lastBuy.quantity().multiply(close).subtract(lastBuy.net()));
        assertConsistent(m, evaluated, fills);
    }

    private static void assertConsistent(BacktestMetrics m, List<Candle> evaluated, List<Fill> fills) {
        List<Fill> sells = fills.stream().filter(f -> f.side() == Side.SELL).toList();
        List<EquityPoint> curve = m.equityCurve();
        assertThat(sells).as("round trips").hasSizeGreaterThanOrEqualTo(3);
        assertThat(m.trades()).isEqualTo(sells.size());
        assertThat(m.wins()).isEqualTo((int) sells.stream().filter(f -> f.pnl().signum() > 0).count());
        assertThat(m.losses()).isEqualTo((int) sells.stream().filter(f -> f.pnl().signum() < 0).count());
        assertThat(m.finalEquity())
                .isEqualByComparingTo(m.startEquity().add(m.realisedPnl()).add(m.unrealisedPnl()));
        assertThat(curve).hasSize(evaluated.size());
        assertThat(curve.getLast().equity()).isEqualTo(m.finalEquity());
        assertThat(m.totalReturnPercent()).isEqualTo(Metrics.percent(m.finalEquity().subtract(m.startEquity()),
                m.startEquity()));

        // after each SELL the equity is the stake plus the pnl so far, exactly
        BigDecimal realised = m.startEquity();
        for (Fill sell : sells) {
            realised = realised.add(sell.pnl());
            assertThat(curve.get(indexOf(evaluated, sell)).equity()).isEqualByComparingTo(realised);
        }

        // exposure: from the candle after each BUY to its SELL's candle, or to the last candle
        int held = 0;
        for (int i = 0; i < fills.size(); i += 2) {
            int to = i + 1 < fills.size() ? indexOf(evaluated, fills.get(i + 1)) : evaluated.size() - 1;
            held += to - indexOf(evaluated, fills.get(i));
        }
        assertThat(m.exposurePercent()).isEqualTo(Metrics.percent(BigDecimal.valueOf(held),
                BigDecimal.valueOf(evaluated.size())));

        // the deepest drawdown is the largest one of the curve, from a peak it names to the trough it names
        Drawdown drawdown = m.maxDrawdown().orElseThrow();
        assertThat(drawdown.percent()).isEqualTo(curve.stream().map(EquityPoint::drawdownPercent)
                .max(BigDecimal::compareTo).orElseThrow());
        EquityPoint trough = curve.stream().filter(p -> p.time() == drawdown.troughTime()).findFirst().orElseThrow();
        assertThat(trough.equity()).isEqualByComparingTo(drawdown.peak().subtract(drawdown.amount()));
        assertThat(curve.stream().filter(p -> p.time() <= drawdown.troughTime()).map(EquityPoint::equity)
                .max(BigDecimal::compareTo).orElseThrow().max(m.startEquity())).isEqualByComparingTo(drawdown.peak());

        // Sharpe again, in plain doubles from the curve: mean / sample stdev × √(12 × 24 × 365.25)
        double[] returns = new double[curve.size()];
        double previous = m.startEquity().doubleValue();
        for (int i = 0; i < curve.size(); i++) {
            double equity = curve.get(i).equity().doubleValue();
            returns[i] = equity / previous - 1;
            previous = equity;
        }
        double mean = Arrays.stream(returns).average().orElseThrow();
        double variance = Arrays.stream(returns).map(r -> (r - mean) * (r - mean)).sum()
                / (returns.length - 1);
        assertThat(m.sharpe().getAsDouble()).isCloseTo(mean / Math.sqrt(variance) * Math.sqrt(105_192),
                within(1e-9));
        assertThat(m.sortino()).isPresent();
    }

    /** The candles after the warm-up and the fills a trader made on them. */
    private record Replay(List<Candle> evaluated, List<Fill> fills) {

        int indexOf(Fill fill) {
            return MetricsSampleTest.indexOf(evaluated, fill);
        }
    }

    private static Replay replay(StrategySpec spec, List<Candle> candles) {
        PaperTrader trader = new PaperTrader(spec, Timeframe.M5, MODEL);
        candles.subList(0, trader.warmUpBars()).forEach(trader::warmUp);
        List<Candle> evaluated = candles.subList(trader.warmUpBars(), candles.size());
        List<Fill> fills = new ArrayList<>();
        trader.onCandles(evaluated, fills::add);
        return new Replay(evaluated, fills);
    }

    private static int indexOf(List<Candle> candles, Fill fill) {
        for (int i = 0; i < candles.size(); i++) {
            if (candles.get(i).openTime() == fill.candleTime()) {
                return i;
            }
        }
        throw new AssertionError("no candle for " + fill);
    }

    /** The candles of a CSV file in {@code samples/} ({@code open_time,open,high,low,close,volume}, epoch ms). */
    private static List<Candle> sample(String file) {
        try {
            return Files.readAllLines(Path.of("..", "samples", file)).stream()
                    .skip(1)
                    .map(line -> line.split(","))
                    .map(f -> new Candle(Long.parseLong(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]),
                            new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[5])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
