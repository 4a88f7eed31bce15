package dev.tradingbatch.jobs.replay.html;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one backtest report page shows.
 *
 * @param title    the page's heading, e.g. the strategy id
 * @param subtitle strategy, market, range and parameters in words; line breaks are kept
 * @param bars     the candles of the price chart, in strictly increasing open time (whole seconds)
 * @param trades   the fills, listed in this order; drawn as arrows on the candle at or before their time
 * @param equity   the equity curve, in strictly increasing time (whole seconds)
 * @param metrics  name and value text of each figure, in display order
 */
public record ReportData(String title, String subtitle, List<PriceBar> bars, List<TradeMark> trades,
                         List<EquityPoint> equity, List<Map.Entry<String, String>> metrics) {

    public ReportData {
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        bars = List.copyOf(bars);
        trades = List.copyOf(trades);
        equity = List.copyOf(equity);
        metrics = List.copyOf(metrics);
        metrics.forEach(m -> {
            Objects.requireNonNull(m.getKey(), "metric name");
            Objects.requireNonNull(m.getValue(), "value of metric " + m.getKey());
        });
        // the chart library keys points by whole seconds and refuses two at the same second
        for (int i = 1; i < bars.size(); i++) {
            requireIncreasing("bars", bars.get(i - 1).openTime(), bars.get(i).openTime());
        }
        for (int i = 1; i < equity.size(); i++) {
            requireIncreasing("equity points", equity.get(i - 1).time(), equity.get(i).time());
        }
    }

    private static void requireIncreasing(String what, long previous, long next) {
        if (Math.floorDiv(next, 1000) <= Math.floorDiv(previous, 1000)) {
            throw new IllegalArgumentException(what + " must be in strictly increasing time (whole seconds): "
                    + previous + " is followed by " + next);
        }
    }
}
