package dev.tradingbatch.db;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact decimals as integers scaled by a power of ten: how candle prices and volumes are stored. */
final class ScaledDecimal {

    /** Larger scales would overflow a 64-bit integer for ordinary prices. */
    static final int MAX_SCALE = 12;

    private ScaledDecimal() {
    }

    /** Decimals needed to hold {@code value} exactly (42000.0100 needs 2, 4.2E+4 needs 0). */
    static int scaleOf(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** {@code value * 10^scale} as a long; ArithmeticException if it does not fit. */
    static long toLong(BigDecimal value, int scale) {
        return value.setScale(scale).unscaledValue().longValueExact();
    }

    static BigDecimal fromLong(long stored, int scale) {
        return BigDecimal.valueOf(stored, scale);
    }

    static long unit(int scale) {
        return BigInteger.TEN.pow(scale).longValueExact();
    }
}
