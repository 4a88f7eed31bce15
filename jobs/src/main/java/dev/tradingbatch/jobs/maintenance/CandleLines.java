package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.model.Candle;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The archive's rows, {@code open_time,open,high,low,close,volume}: the format {@code backfill
 * --exchange file} imports, and a digest that tells whether two runs of rows are the same.
 */
final class CandleLines {

    static final String HEADER = "open_time,open,high,low,close,volume";

    private CandleLines() {
    }

    /** Open time in UTC epoch ms; the exact decimals, plain, without trailing zeros (100.50 is 100.5). */
    static String line(Candle c) {
        return c.openTime() + "," + plain(c.open()) + "," + plain(c.high()) + "," + plain(c.low()) + ","
                + plain(c.close()) + "," + plain(c.volume());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** A SHA-256 over rows (or open times) in order, with their count. */
    static final class Digest {
        private final MessageDigest sha256;
        private long count;
        private byte[] value;

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        void add(String row) {
            sha256.update(row.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            count++;
        }

        void add(long openTime) {
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(openTime).array());
            count++;
        }

        long count() {
            return count;
        }

        /** The digest of everything added; nothing may be added after. */
        byte[] value() {
            if (value == null) {
                value = sha256.digest();
            }
            return value.clone();
        }

        boolean sameAs(Digest other) {
            return count == other.count && Arrays.equals(value(), other.value());
        }

        /** The first 16 hex digits, for people to compare by eye. */
        String shortHex() {
            return HexFormat.of().formatHex(value()).substring(0, 16);
        }
    }
}
