package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.RawCandle;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.trades.TradeCandles;

import java.time.Clock;

/**
 * Kraken's candles built from its public trades ({@link KrakenTradesApi}, {@link TradeCandles}), for what its OHLC
 * window no longer has. Every request after a fetch's first waits on the exchange's request budget.
 */
final class KrakenDerivedCandles {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final KrakenTradesApi trades;
    private final RequestPacing pacing;
    private final Clock clock;

    KrakenDerivedCandles(KrakenTradesApi trades, RequestPacing pacing, Clock clock) {
        this.trades = trades;
        this.pacing = pacing;
        this.clock = clock;
    }

    /**
     * Candles in {@code [from, end)}, paging by Kraken's {@code last} cursor until at least one interval is
     * complete ({@code all}: until every one is); a busy interval may take many pages. The result's
     * {@link TradeCandles#nextFrom()} is the first interval not complete.
     *
     * @param paced whether the first request waits on the budget too (it is not the fetch's first)
     */
    TradeCandles derive(String symbol, Timeframe timeframe, String pair, long from, long end, boolean all,
                        boolean paced) {
        TradeCandles candles = new TradeCandles(timeframe, from, end);
        String what = SourceSupport.range(from, end);
        // since in epoch ns; one less so that a trade at exactly from is included whether since is exclusive or not
        String since = Long.toString(Math.multiplyExact(from, NANOS_PER_MILLI) - 1);
        for (int page = 0; ; page++) {
            if (paced || page > 0) {
                pacing.awaitRequest();
            }
            KrakenTradesApi.Page answer = trades.trades(symbol, timeframe, what, pair, since);
            answer.trades().forEach(candles::add);
            if (candles.reachedEnd()) {
                return candles;
            }
            if (answer.trades().isEmpty() || answer.last().equals(since)) {
                candles.exhausted(clock.millis());
                return candles;
            }
            since = answer.last();
            if (!all && candles.nextFrom() > from) {
                return candles;
            }
        }
    }

    /** Waits on the budget for a request of the fetch under way that is not its first. */
    void awaitRequest() {
        pacing.awaitRequest();
    }

    /** The candle's five values, in words for a difference: {@code o 16500.1 h 16510 l 16490.5 c 16490.5 v 0.3}. */
    static String values(RawCandle c) {
        return "o " + c.open() + " h " + c.high() + " l " + c.low() + " c " + c.close() + " v " + c.volume();
    }
}
