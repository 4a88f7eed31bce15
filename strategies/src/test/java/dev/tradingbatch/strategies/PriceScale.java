package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Timeframe;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The price-scale check of any strategy type, the plugins' included ({@code PriceScaleTest}, the example plugin's
 * test): a series of candles (the bundled Bitstamp sample) and the same series with every price moved some decimals
 * left give the same signals, on the same candles, at the same prices so moved.
 */
public final class PriceScale {

    /** Fills at the close exactly, with a fine enough amount precision for any of the scales. */
    private static final FillModel AT_CLOSE = new FillModel(new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO,
            18);

    private PriceScale() {
    }

    /**
     * Asserts {@code spec} trades at least 4 times on {@code candles} (5m) and the same way on them moved {@code decimals}
     * left.
     */
    public static void assertSameSignals(StrategySpec spec, List<Candle> candles, int decimals) {
        List<Candle> small = candles.stream().map(c -> new Candle(c.openTime(), c.open().movePointLeft(decimals),
                c.high().movePointLeft(decimals), c.low().movePointLeft(decimals), c.close().movePointLeft(decimals),
                c.volume())).toList();

        List<Fill> fills = TestCandles.trade(new PaperTrader(spec, Timeframe.M5, AT_CLOSE), candles);
        List<Fill> smallFills = TestCandles.trade(new PaperTrader(spec, Timeframe.M5, AT_CLOSE), small);

        assertThat(fills.size()).as("fills of %s", spec).isGreaterThanOrEqualTo(4);
        assertThat(signals(smallFills)).isEqualTo(signals(fills));
        assertThat(smallFills.stream().map(f -> f.price().movePointRight(decimals).stripTrailingZeros()).toList())
                .isEqualTo(fills.stream().map(f -> f.price().stripTrailingZeros()).toList());
    }

    private static List<String> signals(List<Fill> fills) {
        return fills.stream().map(f -> f.side() + "@" + f.candleTime()).toList();
    }
}
