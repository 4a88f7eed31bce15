package dev.tradingbatch.jobs.drift;

import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.evaluate.EvaluatedRuns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What {@code drift} found: the strategy as declared now replayed over [{@code from}, {@code to}) (open times, UTC
 * epoch ms) beside the live ledger of that window, trade by trade.
 *
 * @param segments   the live ledger's segments that overlap the window
 * @param executions a live strategy's orders in the window: modelled price beside the real fills' average
 */
public record DriftReport(DeclaredStrategy strategy, long from, long to, List<Matched> matched, List<Unmatched> onlyLive,
                          List<Unmatched> onlyReplay, List<EvaluatedRuns.Segment> segments,
                          List<ReportRepository.Execution> executions) {

    /** A trade both made on the same candle and side; prices as stored, the difference in bps of the replay's. */
    public record Matched(long candleTime, String side, BigDecimal live, BigDecimal replay) {

        public BigDecimal differenceBps() {
            return live.subtract(replay).multiply(BigDecimal.valueOf(10_000)).divide(replay, 2, RoundingMode.HALF_EVEN);
        }
    }

    /** A trade only one side made, with its likely cause. */
    public record Unmatched(long candleTime, String side, BigDecimal price, Cause why) {

        /** The likely cause in one phrase. */
        public String cause() {
            return why.text();
        }
    }

    /**
     * Why a trade is on one side only: its kind, as {@code driftJob} counts them, and the phrase {@code drift} prints.
     */
    public record Cause(Kind kind, String text) {

        public enum Kind {
            /** The candle was not evaluated live (before the first evaluation, or skipped by a restart). */
            MISSED,
            /** Evaluated live under parameters or fill settings that have changed since. */
            OTHER_DECLARATION,
            /** Anything else: candles stored late, a restart the replay runs through, a different signal. */
            DIFFERENT_SIGNAL
        }
    }

    /** The trades only one side made whose cause is of this kind. */
    public int unmatched(Cause.Kind kind) {
        return (int) Stream.concat(onlyLive.stream(), onlyReplay.stream())
                .filter(u -> u.why().kind() == kind).count();
    }

    /** The candle open time of the newest trade only one side made; empty without drift. */
    public OptionalLong newestUnmatched() {
        return Stream.concat(onlyLive.stream(), onlyReplay.stream())
                .mapToLong(Unmatched::candleTime).max();
    }

    /** A live strategy's mean fill against the modelled price, bps (positive: worse); empty without orders. */
    public Optional<BigDecimal> meanSlippageBps() {
        if (executions.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal total = executions.stream().map(ReportRepository.Execution::slippageBps)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(total.divide(BigDecimal.valueOf(executions.size()), 2, RoundingMode.HALF_EVEN));
    }

    /** Unmatched trades over (matched twice plus unmatched), in percent, 2 decimals: 0 when the two agree. */
    public BigDecimal scorePercent() {
        int unmatched = onlyLive.size() + onlyReplay.size();
        return BigDecimal.valueOf(unmatched * 100L).divide(BigDecimal.valueOf(Math.max(1, matched.size() * 2L + unmatched)),
                2, RoundingMode.HALF_EVEN);
    }

    /** Mean |price difference| of the matched trades, bps; 0 without any. */
    public BigDecimal meanPriceDifferenceBps() {
        if (matched.isEmpty()) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal sum = matched.stream().map(m -> m.differenceBps().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(matched.size()), 2, RoundingMode.HALF_EVEN);
    }

    public boolean drifted() {
        return !onlyLive.isEmpty() || !onlyReplay.isEmpty();
    }
}
