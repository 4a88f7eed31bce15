package dev.tradingbatch.strategies;

import dev.tradingbatch.model.StoredCandle;
import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import org.ta4j.core.Bar;
import org.ta4j.core.num.Num;

/**
 * A closed candle as stored, as a ta4j bar of {@link ScaleFreeNum}s: the same values as a {@code BaseBar} of the same
 * doubles, each built on first use. A replay adds a million bars whose indicators read only some of their values
 * (the RSI the close alone), so a bar holds the stored candle and builds its close at once (the series reads it on
 * adding the bar) and its other prices, volume and times when asked, once each: two objects a bar instead of eight.
 * Immutable: a stored candle is closed.
 */
final class StoredCandleBar implements Bar {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration period;
    private final StoredCandle candle;
    private final Num close;
    private Num open;
    private Num high;
    private Num low;
    private Num volume;
    private Instant beginTime;
    private Instant endTime;

    StoredCandleBar(StoredCandle candle, Duration period) {
        this.period = period;
        this.candle = candle;
        this.close = ScaleFreeNum.of(candle.closeValue());
    }

    @Override
    public Duration getTimePeriod() {
        return period;
    }

    @Override
    public Instant getBeginTime() {
        if (beginTime == null) {
            beginTime = Instant.ofEpochMilli(candle.openTime());
        }
        return beginTime;
    }

    @Override
    public Instant getEndTime() {
        if (endTime == null) {
            endTime = Instant.ofEpochMilli(candle.openTime() + period.toMillis());
        }
        return endTime;
    }

    @Override
    public Num getOpenPrice() {
        if (open == null) {
            open = ScaleFreeNum.of(candle.openValue());
        }
        return open;
    }

    @Override
    public Num getHighPrice() {
        if (high == null) {
            high = ScaleFreeNum.of(candle.highValue());
        }
        return high;
    }

    @Override
    public Num getLowPrice() {
        if (low == null) {
            low = ScaleFreeNum.of(candle.lowValue());
        }
        return low;
    }

    @Override
    public Num getClosePrice() {
        return close;
    }

    @Override
    public Num getVolume() {
        if (volume == null) {
            volume = ScaleFreeNum.of(candle.volumeValue());
        }
        return volume;
    }

    /** Zero, as the {@code BaseBar}s of candles have it: candles carry no quote volume. */
    @Override
    public Num getAmount() {
        return ScaleFreeNum.ZERO;
    }

    @Override
    public long getTrades() {
        return 0;
    }

    @Override
    public void addTrade(Num tradeVolume, Num tradePrice) {
        throw closed();
    }

    @Override
    public void addPrice(Num price) {
        throw closed();
    }

    @Override
    public String toString() {
        return "{begin: " + getBeginTime() + ", end: " + getEndTime() + ", open: " + getOpenPrice() + ", high: "
                + getHighPrice() + ", low: " + getLowPrice() + ", close: " + close + ", volume: " + getVolume() + "}";
    }

    private static UnsupportedOperationException closed() {
        return new UnsupportedOperationException("the bar of a stored candle is closed: it takes no trade or price");
    }
}
