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
    /**
     * The longest text read as a number. A price or volume stored needs at most 19 digits, a point and a sign; a
     * longer text is refused before any arithmetic, so that no value costs more than a few microseconds.
     */
    public static final int MAX_LENGTH = 64;
    /**
     * The largest power of ten a number read may carry ({@code 1e400000000} is 9 characters long, but its plain
     * text or any sum with it is 400 million digits: minutes of CPU and gigabytes of memory).
     */
    public static final int MAX_EXPONENT = 64;

    /** A text refused by its length or exponent, not for its characters. */
    public static final class OutOfRangeException extends NumberFormatException {
        OutOfRangeException(String message) {
            super(message);
        }
    }

    private DecimalText() {
    }

    /**
     * {@code new BigDecimal(text)}: the same unscaled value and scale; NumberFormatException when not a number, an
     * {@link OutOfRangeException} when longer than {@value #MAX_LENGTH} characters or beyond 10^&plusmn;{@value
     * #MAX_EXPONENT}, decided from the text in time bounded by its first {@value #MAX_LENGTH} characters.
     */
    public static BigDecimal parse(String text) {
        int length = checkLength(text);
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
                return general(text);
            }
        }
        if (digits == 0) {
            return general(text);
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * {@link #parse} of the value of a field ({@code open}, {@code tickSize}), refused in one phrase naming it:
     * {@code open '1e400000000' is out of range (beyond 10^64 or 10^-64)}, {@code open is not a number: 'abc'}
     * (an IllegalArgumentException; the text quoted is never longer than {@value #MAX_LENGTH} characters).
     */
    public static BigDecimal parse(String field, String text) {
        try {
            return parse(text.strip());
        } catch (OutOfRangeException e) {
            throw new IllegalArgumentException(field + " " + e.getMessage(), e);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + " is not a number: '" + text + "'", e);
        }
    }

    /** The general parser, on a text of at most {@value #MAX_LENGTH} characters: its exponent is still checked. */
    private static BigDecimal general(String text) {
        BigDecimal value = new BigDecimal(text);
        if (Math.abs((long) value.scale()) > MAX_EXPONENT) {
            throw new OutOfRangeException("'" + text + "' is out of range (beyond 10^" + MAX_EXPONENT + " or 10^-"
                    + MAX_EXPONENT + ")");
        }
        return value;
    }

    private static int checkLength(String text) {
        int length = text.length();
        if (length > MAX_LENGTH) {
            throw new OutOfRangeException("'" + text.substring(0, 20) + "...' (" + length
                    + " characters) is too long for a number");
        }
        return length;
    }

    /**
     * The text as {@code new BigDecimal(text).toPlainString()} writes it: {@code text} itself when it is
     * already written that way ({@code 42000.01000000}, {@code -0.5}, {@code 7}), which is checked
     * without building the number. NumberFormatException when it is not a number. A text {@link #parse} refuses
     * for its length or exponent is given back as it is, unread, for the validation to refuse.
     */
    public static String plain(String text) {
        if (isPlain(text)) {
            return text;
        }
        try {
            return parse(text).toPlainString();
        } catch (OutOfRangeException e) {
            return text;
        }
    }

    /**
     * A number received as a {@code BigDecimal} (a JSON number) written without exponent, as {@link #plain(String)};
     * one beyond 10^&plusmn;{@value #MAX_EXPONENT} or of more than {@value #MAX_LENGTH} digits keeps its short
     * scientific form, for the validation to refuse, instead of being written out digit by digit.
     */
    public static String plain(BigDecimal value) {
        return Math.abs((long) value.scale()) > MAX_EXPONENT || value.precision() > MAX_LENGTH ? value.toString()
                : value.toPlainString();
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
