package dev.tradingbatch.strategies;

import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredCandle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;

/**
 * Candles as ta4j bars of {@link ScaleFreeNum}s: indicators in doubles for speed, money stays in the candles.
 */
final class CandleBars {

    private CandleBars() {
    }

    /** An empty series of doubles that keeps at most {@code maximumBarCount} bars. */
    static BarSeries series(String name, int maximumBarCount) {
        return new BaseBarSeriesBuilder()
                .withName(name)
                .withNumFactory(ScaleFreeNum.Factory.INSTANCE)
                .withMaxBarCount(maximumBarCount)
                .build();
    }

    /** The bar of {@code candle}, {@code period} long from its open time. */
    static Bar bar(Candle candle, Duration period) {
        return new BaseBar(period, Instant.ofEpochMilli(candle.openTime()), null,
                num(candle.open()), num(candle.high()), num(candle.low()), num(candle.close()), num(candle.volume()),
                ScaleFreeNum.ZERO, 0);
    }

    /**
     * A bar of the same values as {@link #bar(Candle, Duration)} of the candle's exact decimals, from the stored
     * integers, each value built when first read ({@link StoredCandleBar}).
     */
    static Bar bar(StoredCandle candle, Duration period) {
        return new StoredCandleBar(candle, period);
    }

    /** The number a decimal is to the indicators: its nearest double. */
    static ScaleFreeNum num(BigDecimal value) {
        return ScaleFreeNum.of(value.doubleValue());
    }
}
