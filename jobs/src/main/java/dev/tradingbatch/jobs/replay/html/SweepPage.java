package dev.tradingbatch.jobs.replay.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Writes a sweep's report ({@code optimize --report}) as one self-contained HTML page: the ranking, a heatmap of the
 * objective over two parameters, and the best set's equity against buying and holding. Drawn as inline SVG without
 * scripts; its Content-Security-Policy forbids loading anything, so the page needs no network to be viewed.
 */
public final class SweepPage {

    private static final int CHART_WIDTH = 900;
    private static final int CHART_HEIGHT = 320;
    private static final int CELL = 56;

    private SweepPage() {
    }

    /**
     * The heatmap: the objective's best figure per pair of values (over the other swept parameters).
     *
     * @param scores {@code scores[y][x]}, empty where no set with those values has a defined figure
     */
    public record Heatmap(String xName, String yName, List<String> xValues, List<String> yValues,
                          OptionalDouble[][] scores) {
    }

    /** A line of the equity chart: values at increasing times (UTC epoch ms). */
    public record Line(String name, long[] times, double[] values) {
    }

    /**
     * Everything the page shows.
     *
     * @param ranking  the ranking table's rows, the header first
     * @param heatmap  null when no parameter has two values
     * @param lines    the best set's equity, then buying and holding from the same stake
     * @param notes    lines below the chart (the Monte Carlo figures, what was left out)
     */
    public record Data(String title, String subtitle, String objective, List<List<String>> ranking, Heatmap heatmap,
                       List<Line> lines, List<String> notes) {
    }

    /** Writes the page to {@code file} (UTF-8), creating its parent folders; an existing file is replaced. */
    public static void write(Path file, Data data) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(data), StandardCharsets.UTF_8);
    }

    public static String render(Data d) {
        StringBuilder page = new StringBuilder(16_384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(PageText.html(d.title())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse}td,th{padding:3px 10px;text-align:right;border-bottom:1px solid #ddd}")
                .append("td:last-child,th:last-child{text-align:left}.sub{white-space:pre-line;color:#555}")
                .append("svg text{font-size:12px;font-family:system-ui,sans-serif}")
                .append("</style></head><body>\n<h1>").append(PageText.html(d.title())).append("</h1>\n<p class=\"sub\">")
                .append(PageText.html(d.subtitle())).append("</p>\n");
        page.append("<h2>Ranking</h2>\n<table id=\"ranking\">");
        for (int i = 0; i < d.ranking().size(); i++) {
            String cell = i == 0 ? "th" : "td";
            page.append("<tr>");
            for (String value : d.ranking().get(i)) {
                page.append('<').append(cell).append('>').append(PageText.html(value)).append("</").append(cell).append('>');
            }
            page.append("</tr>");
        }
        page.append("</table>\n");
        if (d.heatmap() != null) {
            page.append("<h2>").append(PageText.html(d.objective())).append(" by ")
                    .append(PageText.html(d.heatmap().xName())).append(" and ").append(PageText.html(d.heatmap().yName()))
                    .append("</h2>\n").append(heatmap(d.heatmap())).append('\n');
        }
        if (!d.lines().isEmpty()) {
            page.append("<h2>Equity of the best set</h2>\n").append(chart(d.lines())).append('\n');
        }
        for (String note : d.notes()) {
            page.append("<p>").append(PageText.html(note)).append("</p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    /** A grid of cells, x values across, y values down, coloured from the lowest figure (red) to the highest (green). */
    static String heatmap(Heatmap h) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (OptionalDouble[] row : h.scores()) {
            for (OptionalDouble s : row) {
                if (s.isPresent()) {
                    min = Math.min(min, s.getAsDouble());
                    max = Math.max(max, s.getAsDouble());
                }
            }
        }
        int left = 90;
        int top = 24;
        int width = left + h.xValues().size() * CELL + 10;
        int height = top + h.yValues().size() * CELL + 40;
        StringBuilder svg = new StringBuilder("<svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\">");
        for (int y = 0; y < h.yValues().size(); y++) {
            svg.append(text(left - 8, top + y * CELL + CELL / 2 + 4, "end", h.yValues().get(y)));
            for (int x = 0; x < h.xValues().size(); x++) {
                OptionalDouble s = h.scores()[y][x];
                String fill = s.isEmpty() ? "#ccc" : colour(s.getAsDouble(), min, max);
                String value = s.isEmpty() ? "-" : figure(s.getAsDouble());
                svg.append("<g class=\"cell\" data-x=\"").append(PageText.html(h.xValues().get(x)))
                        .append("\" data-y=\"").append(PageText.html(h.yValues().get(y))).append("\" data-score=\"")
                        .append(value).append("\"><rect x=\"").append(left + x * CELL).append("\" y=\"")
                        .append(top + y * CELL).append("\" width=\"").append(CELL - 2).append("\" height=\"")
                        .append(CELL - 2).append("\" fill=\"").append(fill).append("\"><title>")
                        .append(PageText.html(h.xName() + "=" + h.xValues().get(x) + ", " + h.yName() + "="
                                + h.yValues().get(y) + ": " + value)).append("</title></rect>")
                        .append(text(left + x * CELL + CELL / 2 - 1, top + y * CELL + CELL / 2 + 4, "middle", value))
                        .append("</g>");
            }
        }
        for (int x = 0; x < h.xValues().size(); x++) {
            svg.append(text(left + x * CELL + CELL / 2 - 1, top + h.yValues().size() * CELL + 16, "middle",
                    h.xValues().get(x)));
        }
        svg.append(text(left + h.xValues().size() * CELL / 2, top + h.yValues().size() * CELL + 34, "middle", h.xName()));
        svg.append(text(left - 8, 14, "end", h.yName()));
        return svg.append("</svg>").toString();
    }

    /** The lines over one time axis and one value axis, with the lowest and highest value and the range's ends. */
    static String chart(List<Line> lines) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (int i = 0; i < line.times().length; i++) {
                first = Math.min(first, line.times()[i]);
                last = Math.max(last, line.times()[i]);
                min = Math.min(min, line.values()[i]);
                max = Math.max(max, line.values()[i]);
            }
        }
        if (first == Long.MAX_VALUE) {
            return "<p>no equity to draw</p>";
        }
        double span = Math.max(1, last - first);
        double range = max > min ? max - min : 1;
        int left = 80;
        int plotWidth = CHART_WIDTH - left - 10;
        int plotHeight = CHART_HEIGHT - 50;
        String[] colours = {"#1f77b4", "#999"};
        StringBuilder svg = new StringBuilder("<svg id=\"equity\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT).append("\">")
                .append("<rect x=\"").append(left).append("\" y=\"10\" width=\"").append(plotWidth).append("\" height=\"")
                .append(plotHeight).append("\" fill=\"none\" stroke=\"#ddd\"/>")
                .append(text(left - 6, 16, "end", figure(max))).append(text(left - 6, 10 + plotHeight, "end", figure(min)))
                .append(text(left, 30 + plotHeight, "start", PageText.time(first)))
                .append(text(left + plotWidth, 30 + plotHeight, "end", PageText.time(last)));
        for (int k = 0; k < lines.size(); k++) {
            Line line = lines.get(k);
            svg.append("<polyline class=\"line\" data-name=\"").append(PageText.html(line.name()))
                    .append("\" fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colours[k % colours.length])
                    .append("\" points=\"");
            for (int i = 0; i < line.times().length; i++) {
                double px = left + (line.times()[i] - first) / span * plotWidth;
                double py = 10 + (max - line.values()[i]) / range * plotHeight;
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            svg.append("\"/>").append("<text x=\"").append(left + 10 + 220 * k).append("\" y=\"")
                    .append(46 + plotHeight).append("\" fill=\"").append(colours[k % colours.length]).append("\">")
                    .append(PageText.html(line.name() + ": " + figure(line.values()[line.values().length - 1])))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String text(int x, int y, String anchor, String value) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + PageText.html(value) + "</text>";
    }

    /** Red for the lowest figure, through yellow, to green for the highest. */
    private static String colour(double value, double min, double max) {
        double share = max > min ? (value - min) / (max - min) : 1;
        return String.format(Locale.ROOT, "hsl(%.0f,65%%,55%%)", share * 120);
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
