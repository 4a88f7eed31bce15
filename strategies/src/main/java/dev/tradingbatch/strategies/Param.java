package dev.tradingbatch.strategies;

import java.math.BigDecimal;

/**
 * One parameter of a strategy type: its key, its default (null when the parameter is optional) and the values it
 * accepts, an integer or decimal number between bounds that are each inclusive or exclusive; a null {@code max}
 * means no upper bound.
 */
record Param(String key, String defaultText, boolean integer, BigDecimal min, boolean minInclusive, BigDecimal max,
             boolean maxInclusive) {

    /** An integer in {@code [min, max]}. */
    static Param integer(String key, int defaultValue, int min, int max) {
        return new Param(key, Integer.toString(defaultValue), true, BigDecimal.valueOf(min), true,
                BigDecimal.valueOf(max), true);
    }

    /** A number in {@code (min, max)}. */
    static Param between(String key, String defaultText, int min, int max) {
        return new Param(key, defaultText, false, BigDecimal.valueOf(min), false, BigDecimal.valueOf(max), false);
    }

    /** A number in {@code [min, max]}. */
    static Param within(String key, String defaultText, int min, int max) {
        return new Param(key, defaultText, false, BigDecimal.valueOf(min), true, BigDecimal.valueOf(max), true);
    }

    /** A number greater than zero, without upper bound. */
    static Param positive(String key, String defaultText) {
        return new Param(key, defaultText, false, BigDecimal.ZERO, false, null, false);
    }

    /** The same parameter with another default ({@code null}: optional). */
    Param withDefault(String text) {
        return new Param(key, text, integer, min, minInclusive, max, maxInclusive);
    }

    /** Parses a raw text (as read from YAML) into its canonical value, or says what is allowed. */
    BigDecimal parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        BigDecimal value;
        try {
            value = integer ? BigDecimal.valueOf(Integer.parseInt(text)) : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid(raw);
        }
        if (!accepts(value)) {
            throw invalid(raw);
        }
        return canonical(value);
    }

    private boolean accepts(BigDecimal value) {
        int lower = value.compareTo(min);
        if (lower < 0 || lower == 0 && !minInclusive) {
            return false;
        }
        if (max == null) {
            return true;
        }
        int upper = value.compareTo(max);
        return upper < 0 || upper == 0 && maxInclusive;
    }

    private InvalidStrategyException invalid(String raw) {
        return new InvalidStrategyException("param '" + key + "' must be " + (integer ? "an integer " : "a number ")
                + range() + ", got '" + (raw == null ? "" : raw) + "'");
    }

    /** The accepted values as a reader expects them: {@code in [2, 500]}, {@code in (0, 100)}, {@code > 0}. */
    String range() {
        if (max == null) {
            return (minInclusive ? ">= " : "> ") + min.toPlainString();
        }
        return "in " + (minInclusive ? "[" : "(") + min.toPlainString() + ", " + max.toPlainString()
                + (maxInclusive ? "]" : ")");
    }

    /** The one form of a value: no trailing zeros, no exponent ({@code 1.0} is 1, {@code 5E+1} is 50). */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
