package dev.tradingbatch.bench;

/**
 * How much data each figure uses: the full sizes, or small ones ({@code --quick}) that finish in
 * seconds for a test.
 *
 * @param ingestSeries    series backfilled from the loopback server (and stored for the storage figure)
 * @param ingestCandles   candles per ingested series
 * @param queryMarkets    markets in the Query 1 file
 * @param queryCandles    candles per market in the Query 1 file
 * @param queries         timed queries per repetition (each of ours and of the baseline)
 * @param replayCandles   candles of the one series replayed
 * @param traderCandles   candles stored for the trader process (an RSI needs 154 of warm-up)
 * @param idleSettleMillis how long an idle process is left alone before its memory is read
 */
record Sizes(boolean quick, int ingestSeries, int ingestCandles, int queryMarkets, int queryCandles, int queries,
             int replayCandles, int traderCandles, long idleSettleMillis) {

    static Sizes issue() {
        return new Sizes(false, 10, 100_000, 100, 100_000, 5_000, 1_000_000, 2_000, 5_000);
    }

    static Sizes small() {
        return new Sizes(true, 2, 5_000, 10, 5_000, 500, 50_000, 2_000, 500);
    }

    int ingestTotal() {
        return ingestSeries * ingestCandles;
    }

    long queryTotal() {
        return (long) queryMarkets * queryCandles;
    }
}
