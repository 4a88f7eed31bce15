package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.PowersOfTen;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact decimal arithmetic on {@code long}s at a common scale (value = unscaled × 10^-scale), for the equity of a
 * held position at every candle: the same values {@link BigDecimal} gives, without an object per operation. Every
 * operation answers {@link #NONE} where its exact result does not fit a long; the caller then falls back to
 * {@code BigDecimal}.
 */
final class ScaledLongs {

    /** No exact long: the result overflows, or an operand was {@code NONE}. */
    static final long NONE = Long.MIN_VALUE;

    private ScaledLongs() {
    }

    /** {@code value}'s unscaled value, or {@code NONE} where it does not fit. */
    static long unscaled(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        return unscaled.bitLength() < Long.SIZE ? unscaled.longValue() : NONE;
    }

    /** {@code unscaled × 10^digits} ({@code digits} ≥ 0). */
    static long upscale(long unscaled, int digits) {
        return digits <= PowersOfTen.MAX_LONG ? multiply(unscaled, PowersOfTen.asLong(digits)) : NONE;
    }

    static long multiply(long a, long b) {
        if (a == NONE || b == NONE) {
            return NONE;
        }
        long low = a * b;
        return Math.multiplyHigh(a, b) == (low >> 63) ? low : NONE;
    }

    static long add(long a, long b) {
        if (a == NONE || b == NONE) {
            return NONE;
        }
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? NONE : sum;
    }

    static long subtract(long a, long b) {
        if (a == NONE || b == NONE) {
            return NONE;
        }
        long difference = a - b;
        return ((a ^ b) & (a ^ difference)) < 0 ? NONE : difference;
    }

    /**
     * {@code unscaled × 10^-scale} as a double within two roundings (a relative error under 2.3e-16), or NaN where
     * the power of ten is not an exact double.
     */
    static double toDouble(long unscaled, int scale) {
        return scale >= 0 && scale <= PowersOfTen.MAX_DOUBLE ? unscaled / PowersOfTen.asDouble(scale) : Double.NaN;
    }
}
