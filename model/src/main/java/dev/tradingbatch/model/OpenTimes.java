package dev.tradingbatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a point in time the ways users and files write it; everything without an offset is UTC. */
public final class OpenTimes {

    private OpenTimes() {
    }

    /** How every output writes a point in time: ISO-8601 in UTC ({@code 2024-01-01T00:00:00Z}). */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * Epoch milliseconds ({@code 1704067200000}), an ISO-8601 date-time with offset
     * ({@code 2024-01-01T00:00:00Z}), without one ({@code 2024-01-01T00:00:00}, UTC) or a date
     * ({@code 2024-01-01}, UTC midnight). IllegalArgumentException naming the text otherwise.
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.isEmpty() && t.length() <= 18 && allDigits(t)) {
            return Long.parseLong(t);
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a date, an ISO-8601 date-time or epoch ms");
                }
            }
        }
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
