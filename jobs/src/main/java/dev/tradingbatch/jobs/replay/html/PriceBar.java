package dev.tradingbatch.jobs.replay.html;

import java.math.BigDecimal;
import java.util.Objects;

/** One candle of the price chart: its open time (UTC epoch ms) and exact prices. */
public record PriceBar(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {

    public PriceBar {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
    }
}
