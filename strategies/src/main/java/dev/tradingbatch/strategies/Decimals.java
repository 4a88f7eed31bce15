package dev.tradingbatch.strategies;

import java.math.BigDecimal;

/** The one form of a decimal that parameters and fills are recorded in. */
final class Decimals {

    private Decimals() {
    }

    /** No trailing zeros, no exponent ({@code 1.0} is 1, {@code 5E+1} is 50). */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
