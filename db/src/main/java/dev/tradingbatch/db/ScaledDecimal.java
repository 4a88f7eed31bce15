package dev.tradingbatch.db;

import dev.tradingbatch.model.PowersOfTen;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact decimals as integers scaled by a power of ten: how candle prices and volumes are stored. */
final class ScaledDecimal {

    /** Larger scales would overflow a 64-bit integer for ordinary prices. */
    static final int MAX_SCALE = 12;

    private ScaledDecimal() {
    }

    /**
     * Decimals needed to hold {@code value} exactly (42000.0100 needs 2, 4.2E+4 needs 0). Values of at
     * most 18 digits (every price and volume seen so far) are counted on their unscaled long, without
     * building the stripped number.
     */
    static int scaleOf(BigDecimal value) {
        int scale = value.scale();
        if (scale <= 0) {
            return 0;
        }
        if (value.precision() > 18) {
            return Math.max(0, value.stripTrailingZeros().scale());
        }
        long unscaled = unscaled(value);
        if (unscaled == 0) {
            return 0;
        }
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        return scale;
    }

    /**
     * {@code value * 10^scale} as a long; ArithmeticException if it does not fit or {@code value} has
     * non-zero digits beyond {@code scale} decimals. Values of at most 18 digits are scaled on their
     * unscaled long.
     */
    static long toLong(BigDecimal value, int scale) {
        int shift = scale - value.scale();
        if (value.precision() <= 18 && Math.abs(shift) <= PowersOfTen.MAX_LONG) {
            long unscaled = unscaled(value);
            if (shift >= 0) {
                return Math.multiplyExact(unscaled, PowersOfTen.asLong(shift));
            }
            long divisor = PowersOfTen.asLong(-shift);
            if (unscaled % divisor != 0) {
                throw new ArithmeticException("Rounding necessary");
            }
            return unscaled / divisor;
        }
        return value.setScale(scale).unscaledValue().longValueExact();
    }

    /**
     * The unscaled value of a number of at most 18 digits. {@code unscaledValue()} builds a new BigInteger on
     * every call (two for each price of every candle stored); the same number moved to scale 0 is a BigDecimal
     * whose {@code longValue()} is its compact value, and the JIT can drop that short-lived object.
     */
    private static long unscaled(BigDecimal value) {
        return value.scale() == 0 ? value.longValue() : value.scaleByPowerOfTen(value.scale()).longValue();
    }

    static BigDecimal fromLong(long stored, int scale) {
        return BigDecimal.valueOf(stored, scale);
    }

    static long unit(int scale) {
        return BigInteger.TEN.pow(scale).longValueExact();
    }
}
