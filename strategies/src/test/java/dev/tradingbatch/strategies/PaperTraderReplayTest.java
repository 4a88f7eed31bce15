package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Timeframe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;

/** Live evaluation rebuilds a trader for every new candle; replay feeds one trader. Both must fill the same. */
class PaperTraderReplayTest {

    private static final FillModel MODEL = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("5"), null);

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
    void shouldFillTheSameWhenATraderIsRebuiltForEveryCandle(StrategySpec spec) {
        // The first 1000 candles: a trader per candle is quadratic, and they hold 20 to 65 fills per spec
        List<Candle> candles = TestCandles.sample("bitstamp-BTC-USD-5m.csv").subList(0, 1000);
        List<Fill> replayed = TestCandles.trade(new PaperTrader(spec, Timeframe.M5, MODEL), candles);

        List<Fill> live = new ArrayList<>();
        Optional<Fill> open = Optional.empty();
        for (int t = 0; t < candles.size(); t++) {
            // What a live run does on candle t: history from the same first candle, the open position read back
            // from the stored trades, restored before or after the history (both are supported)
            PaperTrader trader = new PaperTrader(spec, Timeframe.M5, MODEL);
            if (t % 2 == 0) {
                open.ifPresent(trader::restoreOpenPosition);
            }
            candles.subList(0, t).forEach(trader::warmUp);
            if (t % 2 == 1) {
                open.ifPresent(trader::restoreOpenPosition);
            }
            Optional<Fill> fill = trader.onCandle(candles.get(t));
            fill.ifPresent(live::add);
            open = trader.openPosition();
        }

        assertThat(replayed.size()).as("fills of %s", spec).isGreaterThanOrEqualTo(6);
        assertThat(live).isEqualTo(replayed);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void shouldTradeOnTheBarsTa4jsOwnBacktestTradesOnPastManyWindows(StrategySpec spec) {
        List<Candle> candles = randomWalk(20_000);
        List<Fill> fills = TestCandles.trade(new PaperTrader(spec, TestCandles.MINUTE, TestCandles.AT_CLOSE), candles);

        BarSeries series = CandleBars.series("reference", Integer.MAX_VALUE);
        candles.forEach(c -> series.addBar(CandleBars.bar(c, Duration.ofMinutes(1))));
        TradingRecord record = new BarSeriesManager(series, new TradeOnCurrentCloseModel()).run(spec.build(series));

        assertThat(fills.size()).as("fills of %s", spec).isGreaterThanOrEqualTo(20);
        assertThat(fills).extracting(TestCandles::at).isEqualTo(record.getTrades().stream()
                .map(trade -> (trade.isBuy() ? "buy@" : "sell@") + trade.getIndex())
                .toList());
    }

    /** One-minute candles of a seeded random walk from 100, 2-decimal prices. */
    private static List<Candle> randomWalk(int count) {
        Random random = new Random(7);
        List<Candle> candles = new ArrayList<>();
        BigDecimal close = new BigDecimal("100.00");
        for (int i = 0; i < count; i++) {
            BigDecimal open = close;
            close = open.multiply(BigDecimal.valueOf(1 + random.nextGaussian() * 0.003))
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal high = open.max(close).add(BigDecimal.valueOf(random.nextInt(20), 2));
            BigDecimal low = open.min(close).subtract(BigDecimal.valueOf(random.nextInt(20), 2));
            candles.add(new Candle(i * TestCandles.MINUTE.millis(), open, high, low, close, BigDecimal.ONE));
        }
        return candles;
    }
}
