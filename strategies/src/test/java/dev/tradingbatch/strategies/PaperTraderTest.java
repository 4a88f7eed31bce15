package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;

import static dev.tradingbatch.strategies.TestCandles.MINUTE;
import static dev.tradingbatch.strategies.TestCandles.flat;
import static dev.tradingbatch.strategies.TestCandles.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingbatch.model.Candle;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaperTraderTest {

    /** Stake 1000, fee 0.1%, slippage 5 bps, 8 decimals. */
    private static final FillModel MODEL = FillModel.of(new BigDecimal("1000"), new BigDecimal("0.001"),
            new BigDecimal("5"), null);
    /** The BUY of a run before the restart: candle 25 closed at 100. */
    private static final Fill BOUGHT = MODEL.buy(25 * MINUTE.millis(), new BigDecimal("100")).orElseThrow();

    @ParameterizedTest(name = "restored {0} the history")
    @ValueSource(strings = {"before", "after"})
    void shouldResumeARestoredPositionAndSellItAtTheStopLoss(String when) {
        // RSI(2) stays 0 on flat and falling closes: only the stop-loss (2% under 100.05 = 98.049) can sell
        PaperTrader trader = new PaperTrader(StrategySpec.of("rsi", Map.of("period", "2", "stop-loss", "2")),
                MINUTE, MODEL);
        List<Candle> candles = minutes(flat(30, 100), new double[] {98.1, 98});

        restore(trader, when, candles.subList(0, 30), BOUGHT);

        assertThat(trader.openPosition()).contains(BOUGHT);
        assertThat(trader.onCandle(candles.get(30))).isEmpty();
        Fill sell = trader.onCandle(candles.get(31)).orElseThrow();
        // buy 100.05 x 9.99500249, fee 0.999999999124, cost 1000.999999123624;
        // sell 98 * 0.9995 = 97.951, fee 0.979020488898, pnl 979.020488898... - 0.979020488898 - 1000.999999123624
        assertThat(BOUGHT.price()).hasToString("100.05");
        assertThat(BOUGHT.quantity()).hasToString("9.99500249");
        assertThat(BOUGHT.fee()).hasToString("0.999999999124");
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.candleTime()).isEqualTo(31 * MINUTE.millis());
        assertThat(sell.price()).hasToString("97.951");
        assertThat(sell.quantity()).hasToString("9.99500249");
        assertThat(sell.fee()).hasToString("0.979020488898");
        assertThat(sell.pnl()).hasToString("-22.958530714532");
        assertThat(sell.pnlPercent()).hasToString("-2.293559513949");
        assertThat(trader.openPosition()).isEmpty();
    }

    @ParameterizedTest(name = "restored {0} the history")
    @ValueSource(strings = {"before", "after"})
    void shouldTrailTheHighestCloseSinceTheRestoredEntry(String when) {
        // Trend EMA(3)/EMA(10), ADX(2), trailing 5%: bought on candle 70; closes rise to 120 by candle 84
        PaperTrader trader = new PaperTrader(StrategySpec.of("trend", Map.of("fast", "3", "slow", "10",
                "adx-period", "2")), MINUTE, MODEL);
        List<Candle> candles = minutes(flat(65, 100), IntStream.rangeClosed(101, 120).asDoubleStream().toArray(),
                new double[] {114.5, 113.5});
        Fill bought = MODEL.buy(70 * MINUTE.millis(), new BigDecimal("106")).orElseThrow();

        restore(trader, when, candles.subList(0, 85), bought);

        // 114.5 is above 120 * 0.95 = 114, 113.5 is not; EMA(3) stays above EMA(10) throughout
        assertThat(trader.onCandle(candles.get(85))).isEmpty();
        assertThat(trader.onCandle(candles.get(86))).map(TestCandles::at).contains("sell@86");
    }

    @Test
    void shouldRefuseCandlesNotInIncreasingOpenTime() {
        PaperTrader trader = new PaperTrader(StrategySpec.defaults(StrategyType.RSI), MINUTE, MODEL);
        List<Candle> candles = minutes(flat(2, 100));
        trader.warmUp(candles.get(1));

        assertThatThrownBy(() -> trader.onCandle(candles.get(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candle 1970-01-01T00:01:00Z does not open after the previous candle 1970-01-01T00:01:00Z:"
                        + " candles must come in strictly increasing open time");
        assertThatThrownBy(() -> trader.warmUp(candles.get(0)))
                .hasMessage("candle 1970-01-01T00:00:00Z does not open after the previous candle 1970-01-01T00:01:00Z:"
                        + " candles must come in strictly increasing open time");
    }

    @Test
    void shouldRefuseToRestoreWhatIsNotAnOpenPosition() {
        PaperTrader trader = new PaperTrader(StrategySpec.defaults(StrategyType.RSI), MINUTE, MODEL);
        Fill sell = MODEL.sell(26 * MINUTE.millis(), new BigDecimal("101"), BOUGHT);

        assertThatThrownBy(() -> trader.restoreOpenPosition(sell))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("only a BUY can be restored as the open position, "
                        + "got sell 9.99500249 @ 100.9495");
        trader.restoreOpenPosition(BOUGHT);
        assertThatThrownBy(() -> trader.restoreOpenPosition(BOUGHT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a position is already open: buy 9.99500249 @ 100.05 fee 0.999999999124 on candle "
                        + "1970-01-01T00:25:00Z");
    }

    @Test
    void shouldSayWhenTheEntryCandleOfARestoredPositionIsMissing() {
        List<Candle> candles = minutes(flat(30, 100));
        PaperTrader before = new PaperTrader(StrategySpec.defaults(StrategyType.RSI), MINUTE, MODEL);
        before.restoreOpenPosition(BOUGHT);
        candles.subList(0, 25).forEach(before::warmUp);

        assertThatThrownBy(() -> before.warmUp(candles.get(26)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the entry candle 1970-01-01T00:25:00Z of the restored position is not among the "
                        + "candles: the next one opens at 1970-01-01T00:26:00Z");

        PaperTrader after = new PaperTrader(StrategySpec.defaults(StrategyType.RSI), MINUTE, MODEL);
        candles.subList(26, 30).forEach(after::warmUp);
        assertThatThrownBy(() -> after.restoreOpenPosition(BOUGHT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the entry candle 1970-01-01T00:25:00Z of the open position is not among the candles held"
                        + " (1970-01-01T00:26:00Z to 1970-01-01T00:29:00Z): load history starting at or before it,"
                        + " or restore the position before feeding history");
    }

    @Test
    void shouldNotEvaluateACandleBeforeTheRestoredEntry() {
        PaperTrader trader = new PaperTrader(StrategySpec.defaults(StrategyType.RSI), MINUTE, MODEL);
        trader.restoreOpenPosition(BOUGHT);

        assertThatThrownBy(() -> trader.onCandle(minutes(flat(30, 100)).get(24)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("candle 1970-01-01T00:24:00Z comes before the entry candle 1970-01-01T00:25:00Z of the "
                        + "restored position");
    }

    @Test
    void shouldHoldWithoutEvaluatingWhenTheEntryCandleArrivesAsTheNewCandle() {
        PaperTrader trader = new PaperTrader(StrategySpec.of("rsi", Map.of("period", "2", "stop-loss", "2")),
                MINUTE, MODEL);
        List<Candle> candles = minutes(flat(25, 100), new double[] {100, 90});
        trader.restoreOpenPosition(BOUGHT);
        candles.subList(0, 25).forEach(trader::warmUp);

        assertThat(trader.onCandle(candles.get(25))).isEmpty();
        assertThat(trader.openPosition()).contains(BOUGHT);
        assertThat(trader.onCandle(candles.get(26))).map(TestCandles::at).contains("sell@26");
    }

    private static void restore(PaperTrader trader, String when, List<Candle> history, Fill buy) {
        if (when.equals("before")) {
            trader.restoreOpenPosition(buy);
        }
        history.forEach(trader::warmUp);
        if (when.equals("after")) {
            trader.restoreOpenPosition(buy);
        }
        assertThat(trader.openPosition()).isEqualTo(Optional.of(buy));
    }
}
