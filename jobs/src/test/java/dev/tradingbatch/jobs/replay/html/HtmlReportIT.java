package dev.tradingbatch.jobs.replay.html;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A report of 300 real Bitstamp candles and three round trips, opened in headless Chromium as a reader would open
 * it: offline, from the file.
 */
class HtmlReportIT {

    private static final Path SAMPLE = Path.of("../samples/bitstamp-BTC-USD-5m.csv");
    private static final BigDecimal STAKE = new BigDecimal("1000");
    private static final BigDecimal FEE_RATE = new BigDecimal("0.001");
    /** Candles (by index in the sample) a buy and its sell happen on. */
    private static final int[][] ROUND_TRIPS = {{30, 80}, {120, 170}, {220, 280}};
    private static final String HOSTILE = "</script><b id=\"injected\">x</b> & \"q\"";

    @TempDir
    static Path dir;
    private static Path page;
    private static String html;
    private static String dom;
    private static BufferedImage screenshot;

    @BeforeAll
    static void writeAndOpenReport() throws Exception {
        page = dir.resolve("reports/btc/report.html"); // the folders do not exist yet
        HtmlReport.write(page, backtest(readBars(300)));
        html = Files.readString(page, StandardCharsets.UTF_8);
        if (HeadlessChromium.installed()) {
            HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(dir.resolve("chromium")));
            dom = chromium.dumpDom(page);
            screenshot = chromium.screenshot(page);
        }
    }

    @Test
    void shouldDrawBothChartsOnCanvases() {
        HeadlessChromium.assumeInstalled();
        String body = firstMatch(dom, "<body[^>]*>");
        assertThat(body).doesNotContain("data-error").contains("data-rendered=\"2\"");
        assertThat(count(element(dom, "price-chart"), "<canvas")).isPositive();
        assertThat(count(element(dom, "equity-chart"), "<canvas")).isPositive();
        assertThat(element(dom, "price-legend")).contains("2013-11-26 01:15   O 814.95   H 814.95   L 810.00   C 814.94");
    }

    @Test
    void shouldPaintCandlesFillsAndEquity() {
        HeadlessChromium.assumeInstalled();
        assertThat(screenshot.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
        assertThat(pixelsLike(screenshot, 0x26a69a)).as("rising candles").isGreaterThan(500);
        assertThat(pixelsLike(screenshot, 0xef5350)).as("falling candles and drawdown").isGreaterThan(500);
        assertThat(pixelsLike(screenshot, 0x2962ff)).as("buy arrows and equity line").isGreaterThan(300);
        assertThat(pixelsLike(screenshot, 0xe91e63)).as("sell arrows").isGreaterThan(30);
    }

    @Test
    void shouldListMetricsInOrder() {
        HeadlessChromium.assumeInstalled();
        assertThat(element(dom, "metrics")).containsSubsequence(
                "<th scope=\"row\">closed trades</th><td>3 (2 won, 1 lost)</td>",
                "<th scope=\"row\">fee rate</th><td>0.1%</td>",
                "<th scope=\"row\">note &lt;/script&gt;&lt;b id=\"injected\"&gt;x&lt;/b&gt; &amp; \"q\"</th>");
    }

    @Test
    void shouldListEveryTradeWithItsFigures() {
        HeadlessChromium.assumeInstalled();
        String trades = element(dom, "trades");
        assertThat(count(trades, "<tr class=\"buy\"")).isEqualTo(3);
        assertThat(count(trades, "<tr class=\"sell\"")).isEqualTo(3);
        assertThat(trades).containsSubsequence(
                "<td>2013-11-25 02:30</td><td>buy</td><td class=\"num\">805.85</td><td class=\"num\">1.24092</td>"
                        + "<td class=\"num\">0.999995382</td><td class=\"num\"></td><td class=\"num\"></td>",
                "<td>2013-11-25 06:40</td><td>sell</td><td class=\"num\">799.95</td><td class=\"num\">1.24092</td>"
                        + "<td class=\"num\">0.992673954</td><td class=\"num loss\">-9.314097336</td>"
                        + "<td class=\"num loss\" title=\"-0.930483551319%\">-0.93%</td>",
                "<td>2013-11-25 23:40</td><td>sell</td><td class=\"num\">819.98</td>");
    }

    @Test
    void shouldShowCallerTextAsTextNotMarkup() {
        HeadlessChromium.assumeInstalled();
        assertThat(dom).doesNotContain("<b id=\"injected\">");
        assertThat(firstMatch(dom, "<h1>.*</h1>")).isEqualTo("<h1>BTC &lt;/script&gt;&lt;b id=\"injected\"&gt;x&lt;/b&gt; &amp; \"q\"</h1>");
    }

    @Test
    void shouldNeedNothingFromTheNetwork() {
        String library = resource(HtmlReport.CHARTS_LIBRARY);
        assertThat(html).contains(library);
        String ours = html.replace(library, "");
        assertThat(ours).doesNotContainPattern("(?i)https?:|(src|href)\\s*=\\s*[\"']?//|url\\(|@import")
                .doesNotContainPattern("(?i)\\ssrc=");
        assertThat(ours).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        if (HeadlessChromium.installed()) { // and nothing was even tried while it rendered
            assertThat(firstMatch(dom, "<body[^>]*>")).doesNotContain("data-blocked");
        }
    }

    @Test
    void shouldKeepJsonStringsInsideTheirScript() {
        assertThat(PageText.json("a</script><!--\u2028\"\\")).isEqualTo("\"a\\u003c/script\\u003e\\u003c!--\\u2028\\\"\\\\\"");
    }

    @Test
    void shouldRefuseCandlesOutOfOrder() {
        List<PriceBar> bars = readBars(2);
        assertThatThrownBy(() -> new ReportData("t", "", bars.reversed(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bars must be in strictly increasing time (whole seconds): 1385337900000 is followed by 1385337600000");
    }

    /** A long-only trader buying one stake at the close of each round trip's first candle, selling at its second. */
    private static ReportData backtest(List<PriceBar> bars) {
        List<TradeMark> trades = new ArrayList<>();
        List<EquityPoint> equity = new ArrayList<>();
        BigDecimal cash = STAKE, quantity = BigDecimal.ZERO, cost = null, peak = STAKE, total = BigDecimal.ZERO;
        int won = 0;
        for (int i = 0; i < bars.size(); i++) {
            PriceBar bar = bars.get(i);
            for (int[] trip : ROUND_TRIPS) {
                if (trip[0] == i) {
                    quantity = STAKE.divide(bar.close(), 5, RoundingMode.DOWN);
                    BigDecimal fee = scale12(FEE_RATE.multiply(bar.close()).multiply(quantity));
                    cost = bar.close().multiply(quantity).add(fee);
                    cash = cash.subtract(cost);
                    trades.add(new TradeMark(bar.openTime(), "buy", bar.close(), quantity, fee, null, null));
                } else if (trip[1] == i) {
                    BigDecimal fee = scale12(FEE_RATE.multiply(bar.close()).multiply(quantity));
                    BigDecimal proceeds = bar.close().multiply(quantity).subtract(fee);
                    BigDecimal pnl = scale12(proceeds.subtract(cost));
                    BigDecimal pnlPercent = scale12(pnl.divide(cost, MathContext.DECIMAL64).movePointRight(2));
                    cash = cash.add(proceeds);
                    total = total.add(pnl);
                    won += pnl.signum() > 0 ? 1 : 0;
                    trades.add(new TradeMark(bar.openTime(), "sell", bar.close(), quantity, fee, pnl, pnlPercent));
                    quantity = BigDecimal.ZERO;
                }
            }
            BigDecimal value = cash.add(quantity.multiply(bar.close()));
            peak = peak.max(value);
            double drawdown = peak.subtract(value).divide(peak, MathContext.DECIMAL64).doubleValue() * 100;
            equity.add(new EquityPoint(bar.openTime(), value, drawdown));
        }
        List<Map.Entry<String, String>> metrics = List.of(
                Map.entry("closed trades", ROUND_TRIPS.length + " (" + won + " won, " + (ROUND_TRIPS.length - won) + " lost)"),
                Map.entry("total pnl", total.stripTrailingZeros().toPlainString() + " USD"),
                Map.entry("fee rate", "0.1%"),
                Map.entry("note " + HOSTILE, HOSTILE));
        return new ReportData("BTC " + HOSTILE, "test-rsi: rsi on bitstamp BTC/USD 5m\n2013-11-25 .. 2013-11-26, stake 1000",
                bars, trades, equity, metrics);
    }

    private static BigDecimal scale12(BigDecimal value) {
        return value.setScale(12, RoundingMode.HALF_EVEN);
    }

    private static List<PriceBar> readBars(int count) {
        try (var lines = Files.lines(SAMPLE)) {
            return lines.skip(1).limit(count).map(line -> line.split(","))
                    .map(f -> new PriceBar(Long.parseLong(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]),
                            new BigDecimal(f[3]), new BigDecimal(f[4])))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The outer HTML of the element with this id in Chromium's serialised DOM. */
    private static String element(String dom, String id) {
        int at = dom.indexOf(" id=\"" + id + "\"");
        assertThat(at).as("element #" + id + " in the DOM").isNotNegative();
        int start = dom.lastIndexOf('<', at);
        String tag = firstMatch(dom.substring(start), "^<(\\w+)").substring(1);
        Matcher tags = Pattern.compile("<(/?)" + tag + "[\\s>]").matcher(dom);
        int depth = 0;
        for (tags.region(start, dom.length()); tags.find(); ) {
            depth += tags.group(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                return dom.substring(start, dom.indexOf('>', tags.end() - 1) + 1);
            }
        }
        throw new AssertionError("element #" + id + " is not closed");
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in the page").isTrue();
        return m.group();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** Pixels within 8 of this RGB colour on every channel. */
    private static int pixelsLike(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) <= 8 && Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff)) <= 8
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 8) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String resource(String name) {
        try (var in = HtmlReport.class.getResourceAsStream("/report/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
