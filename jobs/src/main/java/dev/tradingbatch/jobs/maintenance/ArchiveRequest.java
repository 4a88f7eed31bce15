package dev.tradingbatch.jobs.maintenance;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * An archive as the user asked for it, checked for everything that needs no database.
 *
 * @param before the candles archived open before this (UTC epoch ms)
 * @param file   the new gzip CSV file, absolute
 */
public record ArchiveRequest(MarketKey market, long before, Path file) {

    static final String SUFFIX = ".csv.gz";

    public static ArchiveRequest parse(String exchange, String symbol, String timeframe, String before, Path to) {
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        long beforeMs;
        try {
            beforeMs = OpenTimes.parse(before);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--before " + e.getMessage());
        }
        if (!to.getFileName().toString().endsWith(SUFFIX)) {
            throw new BadInputException("--to " + to + " does not end in " + SUFFIX
                    + ": the archive is a gzip CSV, as backfill --exchange file reads it back");
        }
        Path file = NewFiles.check("--to", to);
        return new ArchiveRequest(new MarketKey(exchange.toLowerCase(Locale.ROOT), symbol.toUpperCase(Locale.ROOT), tf),
                beforeMs, file);
    }
}
