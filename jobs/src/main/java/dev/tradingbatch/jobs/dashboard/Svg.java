package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.replay.html.PageText;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Equity curves drawn as inline SVG: a sparkline per strategy on the overview, a chart with its axes' extremes on a
 * strategy's page. No script and no file to fetch: the page shows them as it arrives.
 */
final class Svg {

    /** A curve of the chart, drawn with its CSS class and named in its legend. */
    record Line(String label, String cssClass, EquityCurve curve) {
    }

    private static final int SPARK_WIDTH = 120;
    private static final int SPARK_HEIGHT = 32;
    private static final int CHART_WIDTH = 800;
    private static final int CHART_HEIGHT = 260;
    /** Room left of the chart's plot for the pnl labels, and under it for the times. */
    private static final int LEFT = 90;
    private static final int BOTTOM = 24;
    private static final int PAD = 4;

    private Svg() {
    }

    /** The realised pnl of a strategy as a small line; a dash without trades. */
    static String sparkline(EquityCurve curve) {
        if (curve.isEmpty()) {
            return "<span class=\"none\">no trades</span>";
        }
        Scale s = Scale.of(List.of(curve), 1, SPARK_WIDTH - 1, 2, SPARK_HEIGHT - 2);
        EquityCurve.Point last = curve.points().getLast();
        return "<svg class=\"spark\" width=\"" + SPARK_WIDTH + "\" height=\"" + SPARK_HEIGHT + "\" viewBox=\"0 0 "
                + SPARK_WIDTH + " " + SPARK_HEIGHT + "\" role=\"img\" aria-label=\"realised pnl "
                + PageText.amount(last.pnl()) + " at " + PageText.time(last.time()) + "\">"
                + "<line class=\"zero\" x1=\"0\" x2=\"" + SPARK_WIDTH + "\" y1=\"" + f(s.y(BigDecimal.ZERO)) + "\" y2=\""
                + f(s.y(BigDecimal.ZERO)) + "\"/>"
                + "<path class=\"" + (last.pnl().signum() < 0 ? "loss" : "gain") + "\" d=\"" + path(curve, s) + "\"/></svg>";
    }

    /** The curves on one pair of axes, the highest and lowest pnl and the first and last time written beside them. */
    static String chart(List<Line> lines) {
        List<EquityCurve> curves = lines.stream().map(Line::curve).filter(c -> !c.isEmpty()).toList();
        if (curves.isEmpty()) {
            return "<p class=\"none\">no trades yet: no equity to draw</p>";
        }
        int right = CHART_WIDTH - PAD;
        int bottom = CHART_HEIGHT - BOTTOM;
        Scale s = Scale.of(curves, LEFT, right, PAD + 6, bottom);
        StringBuilder svg = new StringBuilder("<svg class=\"chart\" width=\"" + CHART_WIDTH + "\" height=\"" + CHART_HEIGHT
                + "\" viewBox=\"0 0 " + CHART_WIDTH + " " + CHART_HEIGHT + "\" role=\"img\" aria-label=\"realised pnl over time\">");
        svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(PAD).append("\" width=\"")
                .append(right - LEFT).append("\" height=\"").append(bottom - PAD).append("\"/>");
        for (BigDecimal v : List.of(s.low(), BigDecimal.ZERO, s.high())) {
            String y = f(s.y(v));
            svg.append("<line class=\"").append(v.signum() == 0 ? "zero" : "grid").append("\" x1=\"").append(LEFT)
                    .append("\" x2=\"").append(right).append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">").append(PageText.amount(v))
                    .append("</text>");
        }
        svg.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(CHART_HEIGHT - 6).append("\">")
                .append(PageText.time(s.first())).append(" UTC</text><text class=\"axis\" x=\"").append(right)
                .append("\" y=\"").append(CHART_HEIGHT - 6).append("\" text-anchor=\"end\">")
                .append(PageText.time(s.last())).append(" UTC</text>");
        for (Line line : lines) {
            if (!line.curve().isEmpty()) {
                svg.append("<path class=\"").append(line.cssClass()).append("\" d=\"").append(path(line.curve(), s))
                        .append("\"><title>").append(PageText.html(line.label())).append("</title></path>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** {@code M x,y L x,y ...}: a step per point; a single point drawn as a flat line across. */
    private static String path(EquityCurve curve, Scale s) {
        List<EquityCurve.Point> points = curve.points();
        StringBuilder d = new StringBuilder();
        if (points.size() == 1) {
            String y = f(s.y(points.getFirst().pnl()));
            return "M" + f(s.left()) + "," + y + " L" + f(s.right()) + "," + y;
        }
        for (int i = 0; i < points.size(); i++) {
            EquityCurve.Point p = points.get(i);
            d.append(i == 0 ? "M" : " L").append(f(s.x(p.time()))).append(',').append(f(s.y(p.pnl())));
        }
        return d.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps times and pnl into a box; zero pnl is always inside, so gains and losses show against it. */
    private record Scale(long first, long last, BigDecimal low, BigDecimal high, double left, double right, double top,
                         double bottom) {

        static Scale of(List<EquityCurve> curves, double left, double right, double top, double bottom) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            BigDecimal low = BigDecimal.ZERO;
            BigDecimal high = BigDecimal.ZERO;
            for (EquityCurve c : curves) {
                for (EquityCurve.Point p : c.points()) {
                    first = Math.min(first, p.time());
                    last = Math.max(last, p.time());
                    low = low.min(p.pnl());
                    high = high.max(p.pnl());
                }
            }
            return new Scale(first, last, low, high, left, right, top, bottom);
        }

        double x(long time) {
            return last == first ? (left + right) / 2 : left + (right - left) * (time - first) / (double) (last - first);
        }

        double y(BigDecimal pnl) {
            double range = high.subtract(low).doubleValue();
            return range == 0 ? (top + bottom) / 2 : bottom - (bottom - top) * pnl.subtract(low).doubleValue() / range;
        }
    }
}
