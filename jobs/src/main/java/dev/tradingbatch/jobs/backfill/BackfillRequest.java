package dev.tradingbatch.jobs.backfill;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.TimeOption;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.file.CsvCandleFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * A backfill as the user asked for it, checked for everything that needs no database or exchange.
 *
 * @param source   where candles come from: an exchange name or {@code file}
 * @param exchange the exchange the candles are stored under (the source, or {@code --as} for files)
 * @param from     first open time wanted (epoch ms UTC), null to continue from what is stored
 * @param to       end of the range, exclusive (epoch ms UTC), null for "up to the last closed candle"
 * @param archive  Binance's public data archive instead of its REST API ({@code --source archive})
 */
public record BackfillRequest(String source, String exchange, String symbol, Timeframe timeframe, Long from,
                              Long to, Path file, boolean archive) {

    /** {@code --source} values: the exchange's candle API (the default) or its public data archive. */
    public static final String API = "api";
    public static final String ARCHIVE = "archive";

    /** A request read from the exchange's candle API. */
    public BackfillRequest(String source, String exchange, String symbol, Timeframe timeframe, Long from, Long to,
                           Path file) {
        this(source, exchange, symbol, timeframe, from, to, file, false);
    }

    /** Where candles can come from: every exchange, or a file. */
    public static final List<String> SOURCES =
            Stream.concat(Exchanges.names().stream(), Stream.of(BackfillParameters.FILE)).toList();

    public static BackfillRequest parse(String source, String symbol, String timeframe, String from, String to,
                                        Path file, String as) {
        return parse(source, symbol, timeframe, from, to, file, as, null);
    }

    /** {@code via}: {@value #API} (the default when null) or {@value #ARCHIVE} (Binance only). */
    public static BackfillRequest parse(String source, String symbol, String timeframe, String from, String to,
                                        Path file, String as, String via) {
        String src = source.toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(src)) {
            throw new BadInputException("unknown exchange '" + source + "' (expected " + String.join(", ", SOURCES) + ")");
        }
        String sym = symbol.toUpperCase(Locale.ROOT);
        if (!MarketKey.isSymbol(sym)) {
            throw new BadInputException("symbol '" + symbol + "' is not BASE/QUOTE, e.g. BTC/USDT");
        }
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Long fromMs = from == null ? null : TimeOption.parse("--from", from);
        Long toMs = to == null ? null : TimeOption.parse("--to", to);
        if (fromMs != null && toMs != null && fromMs >= toMs) {
            throw new BadInputException("--from " + from + " is not before --to " + to);
        }
        String storeAs = src;
        if (BackfillParameters.FILE.equals(src)) {
            if (file == null) {
                throw new BadInputException("--exchange file needs --file PATH (a CSV of open_time,open,high,low,close,volume)");
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new BadInputException("cannot read --file " + file);
            }
            CsvCandleFile.problem(file).ifPresent(problem -> {
                throw new BadInputException("--file " + file + " " + problem);
            });
            if (as != null) {
                storeAs = as.toLowerCase(Locale.ROOT);
                if (!MarketKey.isExchangeName(storeAs)) {
                    throw new BadInputException("--as '" + as + "' is not an exchange name (lower case letters, digits, - or _)");
                }
            }
        } else if (file != null || as != null) {
            throw new BadInputException((file != null ? "--file" : "--as") + " goes with --exchange file, not --exchange " + src);
        }
        boolean archive = via != null && via.toLowerCase(Locale.ROOT).equals(ARCHIVE);
        if (via != null && !archive && !via.toLowerCase(Locale.ROOT).equals(API)) {
            throw new BadInputException("unknown --source '" + via + "' (expected " + API + " or " + ARCHIVE + ")");
        }
        if (archive && !Exchanges.BINANCE.name().equals(src)) {
            throw new BadInputException("--source archive is Binance's public data archive: it goes with --exchange "
                    + Exchanges.BINANCE.name() + ", not --exchange " + src);
        }
        return new BackfillRequest(src, storeAs, sym, tf, fromMs, toMs, file, archive);
    }


    public boolean fromFile() {
        return BackfillParameters.FILE.equals(source);
    }
}
