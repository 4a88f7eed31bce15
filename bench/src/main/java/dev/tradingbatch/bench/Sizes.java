package dev.tradingbatch.bench;

import java.util.List;

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
 * @param sweepCandles    candles of the one series swept
 * @param sweepParams     the sweep's grid, as {@code optimize --param} takes it
 * @param liveCandles     candles stored and evaluated one at a time per repetition of the live figure
 * @param liveWarmUp      candles stored and evaluated before the live figure's clock starts
 */
record Sizes(boolean quick, int ingestSeries, int ingestCandles, int queryMarkets, int queryCandles, int queries,
             int replayCandles, int traderCandles, long idleSettleMillis, int sweepCandles, List<String> sweepParams,
             int liveCandles, int liveWarmUp) {

    /** The issue's sweep: 10 periods x 10 oversold x 10 overbought thresholds, 1,000 sets. */
    static final List<String> SWEEP_GRID = List.of("overbought=66..75:1", "oversold=21..30:1", "period=5..50:5");

    /**
     * The system property that sets the sweep's candles at the full sizes (the issue's 1,000,000 by default): a
     * smaller, stated series when a repetition of the full one takes too long on a loaded machine.
     */
    static final String SWEEP_CANDLES = "bench.sweep.candles";

    static Sizes issue() {
        return new Sizes(false, 10, 100_000, 100, 100_000, 5_000, 1_000_000, 2_000, 5_000,
                Integer.getInteger(SWEEP_CANDLES, 1_000_000), SWEEP_GRID, 400, 100);
    }

    static Sizes small() {
        return new Sizes(true, 2, 5_000, 10, 5_000, 500, 50_000, 2_000, 500, 20_000,
                List.of("overbought=70,75", "oversold=25,30", "period=10,14"), 40, 10);
    }

    int ingestTotal() {
        return ingestSeries * ingestCandles;
    }

    long queryTotal() {
        return (long) queryMarkets * queryCandles;
    }
}
