package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.replay.html.PageText;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.StoredTrade;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;

/**
 * A strategy's market on its page, as inline SVG: the close of each of its newest candles as a line, and each live
 * trade in that window as a dot at its candle and price (buys green, sells red), its side, quantity and price in its
 * tooltip. The window's first and last open time are on the SVG ({@code data-from}, {@code data-to}).
 */
final class PriceChart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 260;
    private static final int LEFT = 90;
    private static final int BOTTOM = 24;
    private static final int PAD = 8;

    private PriceChart() {
    }

    /** The chart; a line saying so when no candle is stored. */
    static String of(List<Candle> candles, List<StoredTrade> trades) {
        if (candles.isEmpty()) {
            return "<p class=\"none\">no candle of its market stored: no price to draw</p>";
        }
        long first = candles.getFirst().openTime();
        long last = candles.getLast().openTime();
        List<StoredTrade> shown = trades.stream().filter(t -> t.candleTime() >= first && t.candleTime() <= last).toList();
        BigDecimal low = candles.getFirst().close();
        BigDecimal high = low;
        for (Candle c : candles) {
            low = low.min(c.close());
            high = high.max(c.close());
        }
        for (StoredTrade t : shown) {
            low = low.min(t.price());
            high = high.max(t.price());
        }
        double right = WIDTH - PAD;
        double bottom = HEIGHT - BOTTOM;
        double range = high.subtract(low).doubleValue();
        BigDecimal lowest = low;
        LongToDoubleFunction x = time -> last == first ? (LEFT + right) / 2
                : LEFT + (right - LEFT) * (time - first) / (double) (last - first);
        Function<BigDecimal, Double> y = price -> range == 0 ? (PAD + bottom) / 2
                : bottom - (bottom - PAD) * price.subtract(lowest).doubleValue() / range;
        StringBuilder svg = new StringBuilder("<svg class=\"prices\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" role=\"img\" aria-label=\"close prices and live trades\""
                + " data-from=\"" + first + "\" data-to=\"" + last + "\">");
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(PAD).append("\" width=\"")
                .append(f(right - LEFT)).append("\" height=\"").append(f(bottom - PAD)).append("\"/>");
        for (BigDecimal v : List.of(low, high)) {
            svg.append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y.apply(v)))
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(PageText.amount(v))
                    .append("</text>");
        }
        svg.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6).append("\">")
                .append(PageText.time(first)).append(" UTC</text><text class=\"axis\" x=\"").append(f(right))
                .append("\" y=\"").append(HEIGHT - 6).append("\" text-anchor=\"end\">").append(PageText.time(last))
                .append(" UTC</text><path class=\"close\" d=\"");
        for (int i = 0; i < candles.size(); i++) {
            Candle c = candles.get(i);
            svg.append(i == 0 ? "M" : " L").append(f(x.applyAsDouble(c.openTime()))).append(',')
                    .append(f(y.apply(c.close())));
        }
        svg.append("\"/>");
        for (StoredTrade t : shown) {
            String side = "buy".equals(t.side()) ? "buy" : "sell";
            svg.append("<circle class=\"").append(side).append("\" r=\"4\" cx=\"").append(f(x.applyAsDouble(t.candleTime())))
                    .append("\" cy=\"").append(f(y.apply(t.price()))).append("\"><title>")
                    .append(PageText.html(side + " " + PageText.amount(t.quantity()) + " at " + PageText.amount(t.price())
                            + ", candle of " + PageText.time(t.candleTime()) + " UTC"))
                    .append("</title></circle>");
        }
        return svg.append("</svg>").toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
