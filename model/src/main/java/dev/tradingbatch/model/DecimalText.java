package dev.tradingbatch.model;

import java.math.BigDecimal;

/**
 * Decimal numbers as exchanges and files send them ("42000.01000000"), read without the general
 * {@code BigDecimal(String)} parser when the text is a plain decimal of at most 18 digits: the common
 * case on the ingest path, a million times per million candles. Every result is exactly what
 * {@code new BigDecimal(text)} (and its {@code toPlainString()}) gives; other texts go to that parser.
 */
public final class DecimalText {

    /** Digits a long holds whatever they are (10^18 - 1 < 2^63). */
    private static final int MAX_DIGITS = 18;

    private DecimalText() {
    }

    /** {@code new BigDecimal(text)}: the same unscaled value and scale; NumberFormatException when not a number. */
    public static BigDecimal parse(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < length; i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (++digits > MAX_DIGITS) {
                    return new BigDecimal(text);
                }
                unscaled = unscaled * 10 + (ch - '0');
                if (point) {
                    scale++;
                }
            } else if (ch == '.' && !point) {
                point = true;
            } else {
                // an exponent, a second point, or not a number: the general parser decides (and words the error)
                return new BigDecimal(text);
            }
        }
        if (digits == 0) {
            return new BigDecimal(text);
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * The text as {@code new BigDecimal(text).toPlainString()} writes it: {@code text} itself when it is
     * already written that way ({@code 42000.01000000}, {@code -0.5}, {@code 7}), which is checked
     * without building the number. NumberFormatException when it is not a number.
     */
    public static String plain(String text) {
        return isPlain(text) ? text : new BigDecimal(text).toPlainString();
    }

    /** An optional minus, an integer part without leading zeros, optionally a point and at least one digit; not zero with a minus. */
    private static boolean isPlain(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = length > 0 && text.charAt(0) == '-';
        if (negative) {
            i = 1;
        }
        int start = i;
        boolean nonZero = false;
        while (i < length && isDigit(text.charAt(i))) {
            nonZero |= text.charAt(i) != '0';
            i++;
        }
        int integerDigits = i - start;
        if (integerDigits == 0 || (integerDigits > 1 && text.charAt(start) == '0')) {
            return false;
        }
        if (i < length) {
            if (text.charAt(i) != '.' || i == length - 1) {
                return false;
            }
            for (i++; i < length; i++) {
                char ch = text.charAt(i);
                if (!isDigit(ch)) {
                    return false;
                }
                nonZero |= ch != '0';
            }
        }
        return !negative || nonZero;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }
}
