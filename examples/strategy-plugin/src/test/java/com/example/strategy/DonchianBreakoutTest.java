package com.example.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.FillModel;
import dev.tradingbatch.strategies.PaperTrader;
import dev.tradingbatch.strategies.PriceScale;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.TestCandles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example type as the application runs it: checked as a plugin's type is, then traded by the paper trader candle
 * by candle on a tiny hand-built series whose every signal is worked out below.
 */
class DonchianBreakoutTest {

    /** Fills at the close exactly: no fee, no slippage. */
    private static final FillModel AT_CLOSE = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO,
            8);

    private static final StrategyType TYPE = StrategyType.of(new DonchianBreakout(), "strategy-plugin-example.jar");

    @Test
    void shouldBuyOnABreakoutAboveTheUpperChannelAndSellBelowTheLowerOne() {
        // each candle opens at the previous close: highs and lows are the larger and smaller of the two
        List<Candle> candles = candles(10, 11, 10, 11, 10, 12, 13, 12, 11, 12);
        StrategySpec spec = StrategySpec.of(TYPE, Map.of("entry-period", "3", "exit-period", "2"));

        List<Fill> fills = trade(spec, candles);

        // candle 5 closes at 12 above the highest high of candles 2-4 (11); candle 8 at 11 below the lowest low of
        // candles 6-7 (12). The warm-up is ta4j's count: the upper channel's first full window (candles 0-2) is the
        // one before candle 3
        assertThat(spec.warmUpBars()).isEqualTo(3);
        assertThat(fills).extracting(f -> f.side() + "@" + f.candleTime() / 60_000)
                .containsExactly("buy@5", "sell@8");
        assertThat(fills).extracting(f -> f.price().toPlainString()).containsExactly("12", "11");
    }

    @Test
    void shouldSellAtTheStopLossFirst() {
        List<Candle> candles = candles(10, 11, 10, 11, 10, 12, 11.7, 11.9, 11);
        StrategySpec spec = StrategySpec.of(TYPE, Map.of("entry-period", "3", "exit-period", "2", "stop-loss", "2"));

        // bought at 12; 11.7 is 2.5% down, below the 2% stop, while the lower channel (10) is far away
        assertThat(trade(spec, candles)).extracting(f -> f.side() + "@" + f.candleTime() / 60_000)
                .containsExactly("buy@5", "sell@6");
    }

    @Test
    void shouldHaveDefaultsTheApplicationAccepts() {
        assertThat(StrategySpec.defaults(TYPE).params())
                .containsExactly(Map.entry("entry-period", "20"), Map.entry("exit-period", "10"));
        assertThat(TYPE.code()).isEqualTo("donchian");
    }

    /** A market priced in 0.0004 trades on the same candles as the same market priced in 40,000. */
    @ParameterizedTest(name = "on prices moved {0} decimals left")
    @ValueSource(ints = {6, 8})
    void shouldTradeOnTheSameCandlesWhateverThePriceScale(int decimals) {
        PriceScale.assertSameSignals(StrategySpec.defaults(TYPE),
                TestCandles.sample(Path.of("..", "..", "samples", "bitstamp-BTC-USD-5m.csv")), decimals);
    }

    private static List<Fill> trade(StrategySpec spec, List<Candle> candles) {
        PaperTrader trader = new PaperTrader(spec, Timeframe.M1, AT_CLOSE);
        List<Fill> fills = new ArrayList<>();
        trader.onCandles(candles, fills::add);
        return fills;
    }

    /** One-minute candles from closes, candle i opening at i minutes. */
    private static List<Candle> candles(double... closes) {
        List<Candle> candles = new ArrayList<>();
        BigDecimal previous = BigDecimal.valueOf(closes[0]);
        for (double value : closes) {
            BigDecimal close = BigDecimal.valueOf(value);
            candles.add(new Candle(candles.size() * 60_000L, previous, previous.max(close), previous.min(close), close,
                    BigDecimal.ONE));
            previous = close;
        }
        return candles;
    }
}
