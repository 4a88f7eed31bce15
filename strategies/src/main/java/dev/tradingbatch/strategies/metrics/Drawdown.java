package dev.tradingbatch.strategies.metrics;

import java.math.BigDecimal;

/**
 * A fall of equity from a running peak to a later close.
 *
 * @param percent    the fall as a percent of the peak, 12 decimals HALF_EVEN
 * @param amount     peak − trough equity, exact, in quote currency
 * @param peak       the equity at the peak
 * @param peakTime   when the peak was reached: a candle's close time, or the first candle's open time when the peak
 *                   is the starting stake (UTC epoch ms)
 * @param troughTime the close time of the candle at the bottom of the fall (UTC epoch ms)
 */
public record Drawdown(BigDecimal percent, BigDecimal amount, BigDecimal peak, long peakTime, long troughTime) {
}
