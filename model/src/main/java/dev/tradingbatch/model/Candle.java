package dev.tradingbatch.model;

import java.math.BigDecimal;

/** A validated, closed candle: open time in UTC epoch milliseconds, exact decimal prices and volume. */
public record Candle(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                     BigDecimal volume) {
}
