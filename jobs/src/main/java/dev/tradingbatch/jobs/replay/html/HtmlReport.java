package dev.tradingbatch.jobs.replay.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a backtest report as one self-contained HTML page: a candlestick chart with the fills as arrows, the
 * equity curve over its drawdown, the metrics and the trade list. The chart library (TradingView Lightweight
 * Charts, {@code report/lightweight-charts/}) and the data are inlined, so the page needs no network to be viewed,
 * and its Content-Security-Policy forbids loading anything.
 *
 * <p>Once both charts have drawn, the page sets {@code data-rendered="2"} on its body; a script error is written
 * to {@code data-error}, and anything the policy blocked to {@code data-blocked}.
 */
public final class HtmlReport {

    static final String CHARTS_LIBRARY = "lightweight-charts/lightweight-charts.standalone.production.js";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Pattern SCRIPT_END = Pattern.compile("</script", Pattern.CASE_INSENSITIVE);
    /** Most decimals the price scale shows, whatever the candles carry. */
    private static final int MAX_PRICE_DECIMALS = 10;

    private HtmlReport() {
    }

    /** Writes the page to {@code file} (UTF-8), creating its parent folders; an existing file is replaced. */
    public static void write(Path file, ReportData data) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(data), StandardCharsets.UTF_8);
    }

    /** The page's HTML. */
    public static String render(ReportData data) {
        Map<String, String> values = Map.of(
                "title", PageText.html(data.title()),
                "subtitle", PageText.html(data.subtitle()),
                "metrics", metricRows(data),
                "tradeCount", Integer.toString(data.trades().size()),
                "trades", tradeRows(data),
                "data", chartData(data),
                "library", script(CHARTS_LIBRARY),
                "script", script("backtest-report.js"));
        // one pass over the template: a value that happens to contain {{...}} is not expanded again
        Matcher m = PLACEHOLDER.matcher(resource("backtest-report.html"));
        StringBuilder page = new StringBuilder(values.get("library").length() + 64 * 1024);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("report template names an unknown value: " + m.group());
            }
            m.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        return m.appendTail(page).toString();
    }

    private static String metricRows(ReportData data) {
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, String> metric : data.metrics()) {
            rows.append("<tr><th scope=\"row\">").append(PageText.html(metric.getKey())).append("</th><td>")
                    .append(PageText.html(metric.getValue())).append("</td></tr>\n");
        }
        return rows.toString();
    }

    private static String tradeRows(ReportData data) {
        StringBuilder rows = new StringBuilder();
        for (TradeMark t : data.trades()) {
            String result = t.pnl() == null ? "" : t.pnl().signum() > 0 ? " win" : t.pnl().signum() < 0 ? " loss" : "";
            rows.append("<tr class=\"").append(t.side()).append("\" data-time=\"").append(seconds(t.time()))
                    .append("\"><td>").append(PageText.time(t.time()))
                    .append("</td><td>").append(t.side())
                    .append("</td><td class=\"num\">").append(PageText.amount(t.price()))
                    .append("</td><td class=\"num\">").append(PageText.amount(t.quantity()))
                    .append("</td><td class=\"num\">").append(PageText.amount(t.fee()))
                    .append("</td><td class=\"num").append(result).append("\">")
                    .append(t.pnl() == null ? "" : PageText.amount(t.pnl()))
                    .append("</td><td class=\"num").append(result).append("\"")
                    .append(t.pnlPercent() == null ? ">" : " title=\"" + PageText.amount(t.pnlPercent()) + "%\">"
                            + PageText.percent(t.pnlPercent()))
                    .append("</td></tr>\n");
        }
        return rows.toString();
    }

    /**
     * The charts' data as JSON: times in UTC epoch seconds (the library's unit), bars as
     * {@code [time, open, high, low, close]}, equity as {@code [time, equity, drawdown percent]}.
     */
    private static String chartData(ReportData data) {
        StringBuilder json = new StringBuilder(data.bars().size() * 48 + 256);
        json.append("{\"pricePrecision\":").append(pricePrecision(data.bars())).append(",\n\"bars\":[");
        for (int i = 0; i < data.bars().size(); i++) {
            PriceBar b = data.bars().get(i);
            json.append(i == 0 ? "" : ",").append(i % 8 == 0 ? "\n" : "")
                    .append('[').append(seconds(b.openTime())).append(',').append(PageText.number(b.open()))
                    .append(',').append(PageText.number(b.high())).append(',').append(PageText.number(b.low()))
                    .append(',').append(PageText.number(b.close())).append(']');
        }
        json.append("],\n\"markers\":[");
        String separator = "";
        for (Marker marker : markers(data)) {
            TradeMark t = marker.trade();
            String text = t.isBuy() ? "Buy" : "Sell" + (t.pnlPercent() == null ? "" : " " + PageText.percent(t.pnlPercent()));
            json.append(separator).append("\n{\"time\":").append(marker.time())
                    .append(",\"side\":").append(PageText.json(t.side()))
                    .append(",\"price\":").append(PageText.number(t.price()))
                    .append(",\"text\":").append(PageText.json(text)).append('}');
            separator = ",";
        }
        json.append("],\n\"equity\":[");
        for (int i = 0; i < data.equity().size(); i++) {
            EquityPoint e = data.equity().get(i);
            BigDecimal drawdown = BigDecimal.valueOf(e.drawdownPercent()).setScale(4, RoundingMode.HALF_EVEN);
            json.append(i == 0 ? "" : ",").append(i % 8 == 0 ? "\n" : "")
                    .append('[').append(seconds(e.time())).append(',').append(PageText.number(e.equity()))
                    .append(',').append(PageText.number(drawdown)).append(']');
        }
        return json.append("]}").toString();
    }

    /** A trade's arrow goes on the last candle opened at or before it; trades before the first candle get none. */
    private record Marker(long time, TradeMark trade) {
    }

    private static List<Marker> markers(ReportData data) {
        long[] opens = data.bars().stream().mapToLong(b -> seconds(b.openTime())).toArray();
        List<Marker> markers = new ArrayList<>();
        for (TradeMark t : data.trades()) {
            int i = Arrays.binarySearch(opens, seconds(t.time()));
            int bar = i >= 0 ? i : -i - 2;
            if (bar >= 0) {
                markers.add(new Marker(opens[bar], t));
            }
        }
        markers.sort(Comparator.comparingLong(Marker::time)); // the library wants them in time order; sort is stable
        return markers;
    }

    /** Decimals the candles are quoted with, so a price scale of 0.00001234 is not shown as 0.00. */
    private static int pricePrecision(List<PriceBar> bars) {
        int decimals = 0;
        for (PriceBar b : bars) {
            for (BigDecimal price : List.of(b.open(), b.high(), b.low(), b.close())) {
                decimals = Math.max(decimals, price.stripTrailingZeros().scale());
            }
        }
        return Math.min(decimals, MAX_PRICE_DECIMALS);
    }

    private static long seconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000);
    }

    /** A script resource, checked not to end the script element it is inlined into. */
    private static String script(String name) {
        String text = resource(name);
        if (SCRIPT_END.matcher(text).find()) {
            throw new IllegalStateException("report/" + name + " contains </script and cannot be inlined");
        }
        return text;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource report/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource report/" + name, e);
        }
    }
}
