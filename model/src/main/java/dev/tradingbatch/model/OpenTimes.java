package dev.tradingbatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a point in time the ways users and files write it; everything without an offset is UTC. */
public final class OpenTimes {

    /** The first and last millisecond a time may name: 1970-01-01 to 9999-12-31 (UTC), as ISO-8601 writes them. */
    public static final long EARLIEST = 0;
    public static final long LATEST = 253_402_300_799_999L;
    /** No way of writing a time in range is longer (an offset and nanoseconds included). */
    private static final int MAX_LENGTH = 40;

    private OpenTimes() {
    }

    /** How every output writes a point in time: ISO-8601 in UTC ({@code 2024-01-01T00:00:00Z}). */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * Epoch milliseconds ({@code 1704067200000}), an ISO-8601 date-time with offset
     * ({@code 2024-01-01T00:00:00Z}), without one ({@code 2024-01-01T00:00:00}, UTC) or a date
     * ({@code 2024-01-01}, UTC midnight), from 1970 to 9999. IllegalArgumentException naming the text otherwise.
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("'" + t.substring(0, 20) + "...' (" + t.length()
                    + " characters) is not a date, an ISO-8601 date-time or epoch ms");
        }
        return inRange(text, t.isEmpty() || t.length() > 18 || !allDigits(t) ? dateTime(text, t) : Long.parseLong(t));
    }

    private static long dateTime(String text, String t) {
        try {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException notDateTime) {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                }
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date, an ISO-8601 date-time or epoch ms");
        } catch (ArithmeticException e) {
            // +999999999-12-31T00:00:00Z parses, but its epoch millisecond does not fit a long
            return Long.MAX_VALUE;
        }
    }

    private static long inRange(String text, long epochMillis) {
        if (epochMillis < EARLIEST || epochMillis > LATEST) {
            throw new IllegalArgumentException("'" + text.strip() + "' is out of range (1970-01-01 to 9999-12-31)");
        }
        return epochMillis;
    }

    /** Whether every character is a digit (a loop: this runs for every candle a backfill reads). */
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
