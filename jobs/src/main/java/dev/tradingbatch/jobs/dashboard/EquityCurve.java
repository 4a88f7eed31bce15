package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.model.StoredTrade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A strategy's realised pnl over time, read from its trades alone (no candle): zero at its first trade, then the
 * running sum of the round trips' pnl at each sell, in quote currency. Its last point is {@code report}'s total pnl.
 */
record EquityCurve(List<Point> points) {

    /** The realised pnl after the trade of the candle that opened at {@code time} (UTC epoch ms). */
    record Point(long time, BigDecimal pnl) {
    }

    EquityCurve {
        points = List.copyOf(points);
    }

    /** The curve of one strategy's trades of one run, in trading order; no point without a trade. */
    static EquityCurve of(List<StoredTrade> trades) {
        List<Point> points = new ArrayList<>();
        BigDecimal pnl = BigDecimal.ZERO;
        for (StoredTrade t : trades) {
            if (points.isEmpty()) {
                points.add(new Point(t.candleTime(), pnl));
            }
            if (!t.isBuy()) {
                pnl = pnl.add(t.pnl() == null ? BigDecimal.ZERO : t.pnl());
                points.add(new Point(t.candleTime(), pnl));
            }
        }
        return new EquityCurve(points);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }
}
