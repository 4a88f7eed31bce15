package dev.tradingbatch.readers.exchange;

/**
 * What an exchange's own source may ask of the request budget {@link ResilientCandleSource} keeps for it: each
 * fetch's first request is paced there; a fetch that sends more (Kraken's trade pages) waits here before each.
 */
public interface RequestPacing {

    /** Paces nothing: for a source used on its own, in tests. */
    RequestPacing NONE = new RequestPacing() {
        @Override
        public void observeUsed(long used) {
        }

        @Override
        public void awaitRequest() {
        }
    };

    /** The exchange's own count of the request weight this IP used (Binance tells it in a header). */
    void observeUsed(long used);

    /** Waits for room for one more request within the fetch under way. */
    void awaitRequest();
}
