package dev.tradingbatch.strategies.metrics;

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

    /** 10^0 to 10^18, the powers of ten that fit a long. */
    private static final long[] TENS = new long[19];
    /** 10^0 to 10^22, the powers of ten that are exact doubles. */
    private static final double[] DOUBLE_TENS = new double[23];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
        DOUBLE_TENS[0] = 1;
        for (int i = 1; i < DOUBLE_TENS.length; i++) {
            DOUBLE_TENS[i] = DOUBLE_TENS[i - 1] * 10;
        }
    }

    private ScaledLongs() {
    }

    /** {@code value}'s unscaled value, or {@code NONE} where it does not fit. */
    static long unscaled(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        return unscaled.bitLength() < Long.SIZE ? unscaled.longValue() : NONE;
    }

    /** {@code unscaled × 10^digits} ({@code digits} ≥ 0). */
    static long upscale(long unscaled, int digits) {
        return digits < TENS.length ? multiply(unscaled, TENS[digits]) : NONE;
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
        return scale >= 0 && scale < DOUBLE_TENS.length ? unscaled / DOUBLE_TENS[scale] : Double.NaN;
    }
}
