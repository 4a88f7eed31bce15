package dev.tradingbatch.db;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A row of {@code drift_scores}: a strategy's latest drift as {@code driftJob} computed it, the figures of
 * {@code drift --strategy ID} over its live window.
 *
 * @param computedAt       UTC epoch ms, the service's clock when it was computed
 * @param windowFrom       UTC epoch ms, open time of the first candle compared
 * @param windowTo         UTC epoch ms, exclusive end of the candles compared
 * @param score            percent, 2 decimals: unmatched / max(1, 2 x matched + unmatched)
 * @param missed           unmatched trades on candles not evaluated live
 * @param otherDeclaration unmatched trades evaluated live under a declaration (parameters, fill settings) changed since
 * @param differentSignal  the other unmatched trades: candles stored late, restarts, a different signal
 * @param priceDiffBps     mean |price difference| of the matched trades, bps of the replay's price
 * @param fillSlippageBps  a live strategy's mean fill against the modelled price, bps (positive: worse); empty
 *                         without orders in the window
 * @param newestUnmatched  candle open time of the newest trade only one side made; empty without drift
 */
public record DriftScore(String strategyId, long computedAt, long windowFrom, long windowTo, BigDecimal score,
                         int matched, int onlyLive, int onlyReplay, int missed, int otherDeclaration,
                         int differentSignal, BigDecimal priceDiffBps, Optional<BigDecimal> fillSlippageBps,
                         OptionalLong newestUnmatched, long jobExecutionId) {

    /** Trades only one side made. */
    public int unmatched() {
        return onlyLive + onlyReplay;
    }
}
