package dev.tradingbatch.readers.exchange;

import java.math.BigDecimal;
import java.util.List;

/**
 * Binance's klines as {@code GET /api/v3/klines} sends them, for every test that stands in for
 * Binance (shared with the jobs module's tests through this module's test jar). A row is
 * {@code [open time, "open", "high", "low", "close", "volume", close time, "quote volume", trades,
 * "taker buy base volume", "taker buy quote volume", "0"]}: times in epoch ms (UTC), decimals as JSON
 * strings, the close time one millisecond before the next candle opens. The fields after the close
 * time are never read; they are there because Binance sends them.
 */
public final class BinanceKlines {

    private static final String UNREAD_FIELDS = ",\"518640.12345678\",1204,\"6.10000000\",\"256320.00000000\",\"0\"]";

    private BinanceKlines() {
    }

    /** One row of a candle {@code length} ms long, its values written exactly as given. */
    public static String row(long openTime, long length, String open, String high, String low, String close,
                             String volume) {
        return "[" + openTime + ",\"" + open + "\",\"" + high + "\",\"" + low + "\",\"" + close + "\",\"" + volume
                + "\"," + (openTime + length - 1) + UNREAD_FIELDS;
    }

    /** One row of a candle {@code length} ms long, each value written as its plain decimal text. */
    public static String row(long openTime, long length, BigDecimal open, BigDecimal high, BigDecimal low,
                             BigDecimal close, BigDecimal volume) {
        return row(openTime, length, open.toPlainString(), high.toPlainString(), low.toPlainString(),
                close.toPlainString(), volume.toPlainString());
    }

    /** An answer: the rows in the order given, as one JSON array. */
    public static String page(List<String> rows) {
        return "[" + String.join(",", rows) + "]";
    }

    public static String page(String... rows) {
        return page(List.of(rows));
    }
}
