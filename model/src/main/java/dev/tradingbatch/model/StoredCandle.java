package dev.tradingbatch.model;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A stored candle as read, before it is turned into exact decimals: prices and volume as the integers
 * they are stored as ({@code value * 10^scale}). A replay reads millions of these: its indicators need
 * only doubles ({@link #closeValue()} and the like: exactly {@code BigDecimal.doubleValue()} of the
 * decimal), and only a fill needs the exact close ({@link #closeDecimal()}). Serializable, as the ta4j bar that
 * holds it must be.
 *
 * @param openTime    open time, UTC epoch ms
 * @param priceScale  decimals of open, high, low and close
 * @param volumeScale decimals of volume
 */
public record StoredCandle(long openTime, long open, long high, long low, long close, long volume,
                           int priceScale, int volumeScale) implements Serializable {

    /** Integers up to 2^53 are exact doubles. */
    private static final long EXACT_DOUBLE = 1L << 53;

    /** The exact candle. */
    public Candle toCandle() {
        return new Candle(openTime, decimal(open, priceScale), decimal(high, priceScale), decimal(low, priceScale),
                decimal(close, priceScale), decimal(volume, volumeScale));
    }

    /** The exact close. */
    public BigDecimal closeDecimal() {
        return decimal(close, priceScale);
    }

    public double openValue() {
        return toDouble(open, priceScale);
    }

    public double highValue() {
        return toDouble(high, priceScale);
    }

    public double lowValue() {
        return toDouble(low, priceScale);
    }

    public double closeValue() {
        return toDouble(close, priceScale);
    }

    public double volumeValue() {
        return toDouble(volume, volumeScale);
    }

    /**
     * {@code BigDecimal.valueOf(unscaled, scale).doubleValue()}, without the BigDecimal when both the
     * integer and the power of ten are exact doubles: one division of exact values is then correctly
     * rounded, the same double the BigDecimal gives.
     */
    static double toDouble(long unscaled, int scale) {
        if (scale >= 0 && scale <= PowersOfTen.MAX_DOUBLE && unscaled <= EXACT_DOUBLE && unscaled >= -EXACT_DOUBLE) {
            return unscaled / PowersOfTen.asDouble(scale);
        }
        return decimal(unscaled, scale).doubleValue();
    }

    private static BigDecimal decimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }
}
