package dev.tradingbatch.model;

/**
 * A candle exactly as a source delivered it, before validation: every field is the text the
 * exchange or file sent, so that a rejected row can be kept verbatim with its reason.
 * {@code openTime} is epoch milliseconds (UTC) or, from files, an ISO-8601 instant.
 */
public record RawCandle(String openTime, String open, String high, String low, String close, String volume) {

    /** The row as one comma-separated line, the way the rejected table keeps it. */
    public String asLine() {
        return String.join(",", openTime, open, high, low, close, volume);
    }
}
