package dev.tradingbatch.strategy.api;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One parameter of a strategy type: its key, its default (null when the parameter is optional) and the values it
 * accepts, an integer or decimal number between bounds that are each inclusive or exclusive; a null {@code max}
 * means no upper bound. Users set it under the strategy's {@code params:} by its key.
 */
public record Param(String key, String defaultText, boolean integer, BigDecimal min, boolean minInclusive,
                    BigDecimal max, boolean maxInclusive) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public Param {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("param key '" + key
                    + "' must be 1 to 40 lower case letters, digits or -, starting with a letter");
        }
        if (min == null) {
            throw new IllegalArgumentException("param '" + key + "' has no lower bound");
        }
        if (max != null && max.compareTo(min) < 0) {
            throw new IllegalArgumentException("param '" + key + "': max " + max + " is below min " + min);
        }
    }

    /** An integer in {@code [min, max]}, such as a period. */
    public static Param integer(String key, int defaultValue, int min, int max) {
        return new Param(key, Integer.toString(defaultValue), true, BigDecimal.valueOf(min), true,
                BigDecimal.valueOf(max), true);
    }

    /** A number in {@code (min, max)}; a null default makes it optional. */
    public static Param between(String key, String defaultText, int min, int max) {
        return new Param(key, defaultText, false, BigDecimal.valueOf(min), false, BigDecimal.valueOf(max), false);
    }

    /** A number in {@code [min, max]}; a null default makes it optional. */
    public static Param within(String key, String defaultText, int min, int max) {
        return new Param(key, defaultText, false, BigDecimal.valueOf(min), true, BigDecimal.valueOf(max), true);
    }

    /** A number greater than zero, without upper bound; a null default makes it optional. */
    public static Param positive(String key, String defaultText) {
        return new Param(key, defaultText, false, BigDecimal.ZERO, false, null, false);
    }

    /** The same parameter with another default ({@code null}: optional). */
    public Param withDefault(String text) {
        return new Param(key, text, integer, min, minInclusive, max, maxInclusive);
    }

    /** Whether the parameter has no default, so that a strategy without it leaves it out. */
    public boolean optional() {
        return defaultText == null;
    }

    /** Whether {@code value} lies within the bounds, and is whole when the parameter is an integer. */
    public boolean accepts(BigDecimal value) {
        if (integer && value.stripTrailingZeros().scale() > 0) {
            return false;
        }
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

    /** The accepted values as a reader expects them: {@code in [2, 500]}, {@code in (0, 100)}, {@code > 0}. */
    public String range() {
        if (max == null) {
            return (minInclusive ? ">= " : "> ") + min.toPlainString();
        }
        return "in " + (minInclusive ? "[" : "(") + min.toPlainString() + ", " + max.toPlainString()
                + (maxInclusive ? "]" : ")");
    }

    /** What the parameter takes, as the messages and {@code strategies types} say it: {@code an integer in [2, 500]}. */
    public String describe() {
        return (integer ? "an integer " : "a number ") + range();
    }
}
