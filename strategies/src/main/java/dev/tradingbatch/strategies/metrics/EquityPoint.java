package dev.tradingbatch.strategies.metrics;

import java.math.BigDecimal;

/**
 * The account at one candle's close, for charts.
 *
 * @param time            the candle's close time (open time + timeframe), UTC epoch ms
 * @param equity          cash + quantity held × close, exact, in quote currency
 * @param drawdownPercent how far the equity is below its running peak (the stake at the start included), as a
 *                        percent of that peak, 12 decimals HALF_EVEN; zero at a peak
 */
public record EquityPoint(long time, BigDecimal equity, BigDecimal drawdownPercent) {
}
