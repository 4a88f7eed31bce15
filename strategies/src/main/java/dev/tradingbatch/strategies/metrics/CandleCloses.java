package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Candle;
import java.math.BigDecimal;
import java.util.List;

/**
 * The evaluated candles of a backtest as the metrics read them: each one's open time (UTC epoch ms) and exact close.
 * A replay keeps a million of them as arrays of stored integers rather than as {@link Candle}s.
 */
public interface CandleCloses {

    int size();

    long openTime(int index);

    BigDecimal close(int index);

    /** The close's unscaled value ({@code close × 10^closeScale}), {@link Long#MIN_VALUE} where it does not fit. */
    default long unscaledClose(int index) {
        return ScaledLongs.unscaled(close(index));
    }

    /** The close's scale. */
    default int closeScale(int index) {
        return close(index).scale();
    }

    /** The open times and closes of {@code candles}. */
    static CandleCloses of(List<Candle> candles) {
        return new CandleCloses() {
            @Override
            public int size() {
                return candles.size();
            }

            @Override
            public long openTime(int index) {
                return candles.get(index).openTime();
            }

            @Override
            public BigDecimal close(int index) {
                return candles.get(index).close();
            }
        };
    }
}
