package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.StoredStrategy;
import dev.tradingbatch.model.StoredTrade;
import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.db.StrategyHalt;
import dev.tradingbatch.jobs.gaps.Coverage;
import dev.tradingbatch.jobs.report.ReportMetrics;
import dev.tradingbatch.jobs.report.StrategyDetail;
import dev.tradingbatch.jobs.report.StrategyReport;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's pages built from figures made by hand: what each shows, escaped, and where the curves go. */
class DashboardPagesTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = 3_600_000L;
    static final StoredStrategy BTC = new StoredStrategy("btc-<1h>", "rsi", "binance", "BTC/USDT", "1h", OptionalInt.of(2));

    /** buy, sell +10, buy, sell −4, buy (open): the realised pnl is 0, 10, then 6. */
    static final List<StoredTrade> TRADES = List.of(trade(1, "buy", 0, null), trade(2, "sell", 2, "10"),
            trade(3, "buy", 3, null), trade(4, "sell", 5, "-4"), trade(5, "buy", 6, null));

    static StoredTrade trade(long id, String side, int hour, String pnl) {
        return new StoredTrade(id, BTC.id(), side, new BigDecimal("40000"), new BigDecimal("0.025"), BigDecimal.ONE,
                T0 + hour * H, pnl == null ? null : new BigDecimal(pnl), pnl == null ? null : new BigDecimal("1.5"));
    }

    static StrategyReport report() {
        return new StrategyReport(BTC, new ReportMetrics(2, 1, 1, new BigDecimal("6"), new BigDecimal("50"),
                new BigDecimal("0.75"), new ReportMetrics.Drawdown(new BigDecimal("4"), new BigDecimal("1010"),
                new BigDecimal("0.396039603960"), T0 + 2 * H, T0 + 5 * H), Optional.of(TRADES.getLast())));
    }

    @Test
    void shouldDrawTheRealisedPnlFromTheTradesAStepPerSell() {
        EquityCurve curve = EquityCurve.of(TRADES);

        assertThat(curve.points()).containsExactly(new EquityCurve.Point(T0, BigDecimal.ZERO),
                new EquityCurve.Point(T0 + 2 * H, new BigDecimal("10")), new EquityCurve.Point(T0 + 5 * H, new BigDecimal("6")));
        String svg = Svg.sparkline(curve);
        // x from 1 to 119 over hours 0 to 5; y from 30 (pnl 0, the lowest) to 2 (pnl 10, the highest)
        assertThat(attribute(svg, "path", "d")).isEqualTo("M1.0,30.0 L48.2,2.0 L119.0,13.2");
        assertThat(svg).contains("class=\"gain\"").contains("aria-label=\"realised pnl 6 at 2024-01-01 05:00\"");
        assertThat(Svg.sparkline(EquityCurve.of(List.of()))).isEqualTo("<span class=\"none\">no trades</span>");
        assertThat(attribute(Svg.sparkline(EquityCurve.of(TRADES.subList(0, 1))), "path", "d"))
                .as("a buy alone: flat at zero across").isEqualTo("M1.0,16.0 L119.0,16.0");
    }

    /** A drift score as driftJob stores it: 1 matched, 4 only live, 6 only replay. */
    static final DriftScore DRIFT = new DriftScore("btc-<1h>", T0 + 7 * H, T0, T0 + 7 * H, new BigDecimal("83.33"), 1, 4,
            6, 0, 9, 1, new BigDecimal("0.00"), Optional.empty(), OptionalLong.of(T0 + 5 * H), 3);

    @Test
    void shouldShowEachStrategyWithReportsCellsEscapedAndLinked() {
        var row = new DashboardData.OverviewRow(report(), "paper", EquityCurve.of(TRADES), OptionalLong.of(T0 + 6 * H), true,
                Optional.of(DRIFT));
        StrategyHalt halt = new StrategyHalt(BTC.id(), Optional.of("too many losses"), T0 + 7 * H);

        String html = OverviewPage.render(new DashboardData.Overview(List.of(row), List.of(halt)), "read-only");

        assertThat(html).contains("<a href=\"/strategies/btc-%3C1h%3E\">btc-&lt;1h&gt;</a>").doesNotContain("btc-<1h>");
        assertThat(cells(html, "strategies")).containsExactly("btc-&lt;1h&gt;", "rsi", "binance BTC/USDT 1h", "paper", "", "2", "6.00",
                "50.00%", "0.75%", "4.00 (0.40%)", "yes", "candle of 2024-01-01 06:00", "HALTED", "83.33 %");
        assertThat(html).contains("<p class=\"halted\">HALTED btc-&lt;1h&gt;: ")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                        + " form-action 'self'\"")
                .doesNotContain("<script").doesNotContain("<form").doesNotContain("sign in");
        assertThat(OverviewPage.render(new DashboardData.Overview(List.of(), List.of()), ""))
                .contains("no strategies recorded yet");
    }

    @Test
    void shouldOfferASignedInUserTheActionsWithTheSessionsToken() {
        var halted = new DashboardData.OverviewRow(report(), "paper", EquityCurve.of(TRADES), OptionalLong.empty(), true,
                Optional.empty());
        var token = new org.springframework.security.web.csrf.DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t\"ok");
        var notice = new dev.tradingbatch.db.DashboardAction(7, T0, "al<ice", "halt", BTC.id(), "done", "halted <now>");
        Viewer user = new Viewer(true, Optional.of("al<ice"), Optional.of(token), Optional.of(notice));
        Viewer visitor = new Viewer(true, Optional.empty(), Optional.of(token), Optional.empty());

        String html = OverviewPage.render(new DashboardData.Overview(List.of(halted), List.of()), "actions on", user);
        String visitors = OverviewPage.render(new DashboardData.Overview(List.of(halted), List.of()), "", visitor);

        assertThat(html).contains("signed in as al&lt;ice <form method=\"post\" class=\"logout\" action=\"/logout\">"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"t&quot;ok\"><button type=\"submit\">sign out</button>")
                .contains("<form method=\"post\" class=\"act resume\" action=\"/strategies/btc-%3C1h%3E/resume\">"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"t&quot;ok\"><input type=\"hidden\" name=\"from\""
                        + " value=\"overview\"><button type=\"submit\">resume</button></form>")
                .contains("<p class=\"notice done\" id=\"notice\">halt btc-&lt;1h&gt; by al&lt;ice: done: halted &lt;now&gt;</p>");
        assertThat(cells(html, "strategies").getLast()).isEqualTo("resume");
        assertThat(visitors).contains("<a href=\"/login\">sign in</a> to act").doesNotContain("<form")
                .doesNotContain("t&quot;ok");
    }

    @Test
    void shouldShowAStrategysFiguresBesideItsReplayAndItsTrades() {
        StrategyDetail live = new StrategyDetail(report(), "live", Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
        List<dev.tradingbatch.model.Candle> prices = java.util.stream.IntStream.range(0, 8).mapToObj(i ->
                new dev.tradingbatch.model.Candle(T0 + i * H, new BigDecimal("40000"), new BigDecimal("40100"),
                        new BigDecimal("39900"), new BigDecimal(39_000 + 200 * i), BigDecimal.ONE)).toList();
        var view = new DashboardData.StrategyView(live, TRADES, "paper", OptionalLong.of(T0 + 6 * H), Optional.empty(),
                Optional.empty(), prices, Optional.of(DRIFT));

        String html = StrategyPage.render(view, "");
        String notYet = StrategyPage.render(new DashboardData.StrategyView(live, TRADES, "paper",
                OptionalLong.of(T0 + 6 * H), Optional.empty(), Optional.empty(), List.of(), Optional.empty()), "");

        assertThat(html).contains("<table id=\"drift-figures\" class=\"figures\"><tbody><tr><th scope=\"row\">drift"
                + " score</th><td>83.33 %</td></tr><tr><th scope=\"row\">computed at</th><td>2024-01-01 07:00 UTC</td>"
                + "</tr><tr><th scope=\"row\">window</th><td>2024-01-01 00:00 to 2024-01-01 07:00 UTC</td></tr>")
                .contains("<th scope=\"row\">only live</th><td>4</td>", "<th scope=\"row\">under a declaration changed"
                        + " since</th><td>9</td>", "<th scope=\"row\">mean fill slippage</th><td>no orders</td>",
                        "<code>drift --strategy btc-&lt;1h&gt;</code>");
        assertThat(notYet).contains("not computed yet").doesNotContain("drift-figures");

        assertThat(html).contains("<tr><th scope=\"row\">total pnl</th><td>6.00 USDT</td></tr>")
                .contains("<tr><th scope=\"row\">open position</th><td>0.025 bought at 40000, fee 1.00, on the candle of "
                        + "2024-01-01T06:00:00Z</td></tr>")
                .contains("Last evaluated: the candle of 2024-01-01 06:00 UTC.").doesNotContain("Latest replay");
        assertThat(html).contains("<path class=\"live\"").doesNotContain("<path class=\"replay\"");
        String chart = html.substring(html.indexOf("<svg class=\"prices\""), html.indexOf("</svg>",
                html.indexOf("<svg class=\"prices\"")));
        assertThat(chart).contains("data-from=\"" + T0 + "\" data-to=\"" + (T0 + 7 * H) + "\"");
        assertThat(count(chart, " L")).as("a point per candle").isEqualTo(7);
        assertThat(count(chart, "<circle class=\"buy\"") + count(chart, "<circle class=\"sell\""))
                .as("a dot per trade in the window").isEqualTo(TRADES.size());
        assertThat(count(html, "<tr class=\"win\">")).isEqualTo(1);
        assertThat(count(html, "<tr class=\"loss\">")).isEqualTo(1);
        assertThat(html).contains("<td>2024-01-01 02:00</td><td>sell</td><td class=\"num\">40000</td>"
                + "<td class=\"num\">0.025</td><td class=\"num\">1</td><td class=\"num pnl\">10</td>"
                + "<td class=\"num\">+1.50%</td>");
    }

    @Test
    void shouldListEachSeriesCoverageAndItsOpenGaps() {
        MarketKey market = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
        MarketSummary summary = new MarketSummary(market, T0, T0 + 9 * H, 7);
        Gap open = new Gap(market, T0 + 3 * H, T0 + 5 * H, 2, T0, false);
        Gap empty = new Gap(market, T0 + 7 * H, T0 + 8 * H, 3, T0, true);
        Coverage coverage = new Coverage(market, T0, T0 + 10 * H, 10, 7, 1, List.of(open));
        assertThat(empty.confirmedEmpty()).isTrue();

        String html = MarketsPage.render(List.of(new DashboardData.Series(summary, coverage, 3)), "");

        assertThat(cells(html, "markets")).containsExactly("binance", "BTC/USDT", "1h", "2024-01-01T00:00:00Z",
                "2024-01-01T09:00:00Z", "10", "7", "1", "1", "2", "3");
        assertThat(html).contains("<li>[2024-01-01T03:00:00Z, 2024-01-01T05:00:00Z): 2 candles, asked 2 times</li>");
    }

    /** The texts of the first body row's cells of table {@code id}, as HTML without tags (and without drawings). */
    @Test
    void shouldListALiveStrategysOrdersNewestFirstAndNoneForAPaperOne() {
        StrategyDetail live = new StrategyDetail(report(), "live", Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
        var sell = new dev.tradingbatch.model.LiveOrder("tb-s<1>", BTC.id(), "main", "BTC/USDT",
                dev.tradingbatch.model.Side.SELL, T0 + 3 * H, new BigDecimal("0.0024975"), null, "unknown", null, null,
                null, null, "HTTP 503", 1, T0, T0, new BigDecimal("41000"));
        var buy = new dev.tradingbatch.model.LiveOrder("tb-b1", BTC.id(), "main", "BTC/USDT",
                dev.tradingbatch.model.Side.BUY, T0 + H, null, new BigDecimal("100"), "accepted", "7", "FILLED",
                new BigDecimal("0.0025"), new BigDecimal("99.995"), null, 1, T0, T0, new BigDecimal("40000"));

        String html = StrategyPage.render(new DashboardData.StrategyView(live, TRADES, "live", OptionalLong.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(sell, buy)), "");
        String paper = StrategyPage.render(new DashboardData.StrategyView(live, TRADES, "paper", OptionalLong.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty()), "");
        String liveWithout = StrategyPage.render(new DashboardData.StrategyView(live, TRADES, "live",
                OptionalLong.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty()), "");

        assertThat(cells(html, "orders")).containsExactly("tb-s&lt;1&gt;", "2024-01-01 03:00", "sell", "0.0024975 BTC",
                "-", "unknown", "-", "HTTP 503");
        assertThat(html).contains("<tr class=\"accepted\"><td>tb-b1</td><td>2024-01-01 01:00</td><td>buy</td>"
                + "<td class=\"num\">100 USDT</td><td class=\"num\">0.0025 BTC for 99.995 USDT</td><td>accepted</td>"
                + "<td>FILLED</td><td>-</td></tr>").contains("orders --strategy btc-&lt;1h&gt;");
        assertThat(paper).doesNotContain("<h2>Orders</h2>");
        assertThat(liveWithout).contains("<h2>Orders</h2>", "no orders yet");
    }

    private static List<String> cells(String html, String id) {
        String body = html.substring(html.indexOf("<table id=\"" + id + "\""));
        String row = body.substring(body.indexOf("<tbody>"), body.indexOf("</tr>", body.indexOf("<tbody>")));
        Matcher m = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row);
        List<String> cells = new java.util.ArrayList<>();
        while (m.find()) {
            cells.add(m.group(1).replaceAll("<svg.*?</svg>|<[^>]*>", ""));
        }
        return cells;
    }

    private static String attribute(String html, String element, String name) {
        Matcher m = Pattern.compile("<" + element + "[^>]* " + name + "=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(element + " with " + name + " in " + html).isTrue();
        return m.group(1);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
