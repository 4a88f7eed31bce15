package dev.tradingbatch.readers;

import dev.tradingbatch.model.Timeframe;

import java.util.OptionalLong;
import java.util.Set;

/**
 * Where one exchange's candles come from. Implementations call the exchange's own raw REST
 * service and hand back candles exactly as sent (text values), oldest first, closed only.
 */
public interface CandleSource {

    /** The exchange name users type and the database stores: {@code binance}, {@code coinbase}, {@code kraken}. */
    String exchange();

    /** Timeframes this exchange serves candles for. */
    Set<Timeframe> timeframes();

    /**
     * Asks the exchange for the smallest possible page of {@code symbol}: returns normally when the
     * exchange lists it, throws {@link UnknownSymbolException} when the exchange says it does not.
     */
    void checkSymbol(String symbol, Timeframe timeframe);

    /**
     * One request's worth of closed candles with open time in {@code [from, to)} (epoch ms, UTC,
     * on the timeframe grid), oldest first. {@link CandlePage#nextFrom()} says where the next page
     * starts; a value {@code >= to} means the range is done.
     */
    CandlePage fetch(String symbol, Timeframe timeframe, long from, long to);

    /**
     * The earliest open time the exchange still serves for this timeframe at {@code now}, when it
     * keeps only recent history (Kraken: the 720 most recent candles); empty when history is complete.
     */
    default OptionalLong earliestAvailable(Timeframe timeframe, long now) {
        return OptionalLong.empty();
    }
}
