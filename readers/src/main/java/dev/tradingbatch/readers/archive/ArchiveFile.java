package dev.tradingbatch.readers.archive;

import dev.tradingbatch.model.Timeframe;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * One file of Binance's public data archive: a month's or a day's klines of one symbol and interval,
 * e.g. {@code data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01.zip}, and the open times it covers.
 *
 * @param path  the file's path under the archive's base URL
 * @param start first open time it covers (epoch ms, UTC, inclusive)
 * @param end   end of what it covers (epoch ms, UTC, exclusive)
 */
public record ArchiveFile(String path, long start, long end) {

    /** A whole month's file; {@code symbol} as Binance writes it ({@code BTCUSDT}). */
    public static ArchiveFile monthly(String symbol, Timeframe timeframe, YearMonth month) {
        String name = symbol + "-" + timeframe.code() + "-" + month;
        return new ArchiveFile("data/spot/monthly/klines/" + symbol + "/" + timeframe.code() + "/" + name + ".zip",
                epochMs(month.atDay(1)), epochMs(month.plusMonths(1).atDay(1)));
    }

    /** One UTC day's file. */
    public static ArchiveFile daily(String symbol, Timeframe timeframe, LocalDate day) {
        String name = symbol + "-" + timeframe.code() + "-" + day;
        return new ArchiveFile("data/spot/daily/klines/" + symbol + "/" + timeframe.code() + "/" + name + ".zip",
                epochMs(day), epochMs(day.plusDays(1)));
    }

    /** The file's name, as its CHECKSUM file and every message name it ({@code BTCUSDT-1h-2024-01.zip}). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static long epochMs(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
