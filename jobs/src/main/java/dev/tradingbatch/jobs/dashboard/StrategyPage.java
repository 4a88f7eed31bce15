package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.db.DriftScore;
import dev.tradingbatch.model.StoredTrade;
import dev.tradingbatch.jobs.replay.html.PageText;
import dev.tradingbatch.jobs.report.StrategyDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A strategy's page, {@code /strategies/ID}: the figures of {@code report --strategy ID} beside those of its latest
 * replay, the realised pnl of both on one chart, its latest drift, and the live trades.
 */
final class StrategyPage {

    private static final List<String> TRADE_HEADER =
            List.of("CANDLE (UTC)", "SIDE", "PRICE", "QUANTITY", "FEE", "PNL", "RETURN");
    private static final List<Boolean> TRADE_NUMERIC = List.of(false, false, true, true, true, true, true);

    private StrategyPage() {
    }

    static String render(DashboardData.StrategyView view, String footer) {
        return render(view, footer, Viewer.READ_ONLY);
    }

    /** With a signed-in user (actions on): a form to halt it (with a reason) or resume it. */
    static String render(DashboardData.StrategyView view, String footer, Viewer viewer) {
        String id = view.live().report().strategy().id();
        StringBuilder body = new StringBuilder("<p>Mode: ").append(PageText.html(view.mode())).append(". Last evaluated: ")
                .append(view.lastEvaluated().isPresent()
                        ? "the candle of " + PageText.time(view.lastEvaluated().getAsLong()) + " UTC" : "not yet")
                .append(".</p>\n");
        view.halt().ifPresent(h -> body.append("<p class=\"halted\" id=\"halt\">HALTED: ")
                .append(PageText.html(HaltText.of(h))).append("</p>\n"));
        if (viewer.canAct()) {
            body.append("<div id=\"actions\">").append(haltOrResume(viewer, id, view.halt().isPresent(), "strategy",
                    "<label>reason <input type=\"text\" name=\"reason\" maxlength=\"500\" size=\"40\"></label>"))
                    .append("</div>\n");
        }
        body.append("<div class=\"side\">");
        body.append("<section><h2>Live</h2>").append(figures("live-figures", view.live())).append("</section>");
        view.replay().ifPresent(r -> body.append("<section><h2>Latest replay: ").append(PageText.html(r.run().runId()))
                .append("</h2><p>").append(PageText.time(r.run().from())).append(" to ").append(PageText.time(r.run().to()))
                .append(" UTC, ").append(r.run().status()).append(", ").append(PageText.html(String.valueOf(r.run().params())))
                .append("</p>").append(figures("replay-figures", r.detail())).append("</section>"));
        body.append("</div>\n<h2>Realised pnl</h2>\n");
        List<Svg.Line> lines = new ArrayList<>();
        lines.add(new Svg.Line("live", "live", EquityCurve.of(view.trades())));
        view.replay().ifPresent(r -> lines.add(new Svg.Line("replay " + r.run().runId(), "replay",
                EquityCurve.of(r.trades()))));
        body.append("<p class=\"legend\"><span class=\"live\">— live</span>")
                .append(view.replay().isPresent() ? "<span class=\"replay\">- - latest replay</span>" : "")
                .append("</p>\n").append(Svg.chart(lines));
        body.append("\n<h2>Price: ").append(PageText.html(view.live().report().strategy().exchange() + " "
                + view.live().report().strategy().symbol() + " " + view.live().report().strategy().timeframe()))
                .append("</h2>\n<p class=\"legend\">The close of its newest ").append(DashboardData.PRICE_CANDLES)
                .append(" candles at most; its live trades among them: <span class=\"buy\">● buy</span>"
                        + "<span class=\"sell\">● sell</span></p>\n").append(PriceChart.of(view.prices(), view.trades()));
        body.append("\n<h2>Drift</h2>\n").append(drift(view));
        if (view.mode().equals("live") || !view.orders().isEmpty()) {
            body.append("\n<h2>Orders</h2>\n").append(view.orders().isEmpty()
                    ? "<p class=\"none\">no orders yet</p>"
                    : Layout.table("orders", ORDER_HEADER, ORDER_NUMERIC, orderRows(view.orders()))
                    + "<p class=\"legend\">The newest " + DashboardData.ORDERS + " at most; <code>orders --strategy "
                    + PageText.html(id) + "</code> lists them all.</p>\n");
        }
        body.append("\n<h2>Live trades (").append(view.trades().size()).append(")</h2>\n");
        body.append(view.trades().isEmpty() ? "<p class=\"none\">no live trades yet</p>"
                : Layout.table("trades", TRADE_HEADER, TRADE_NUMERIC, tradeRows(view.trades())));
        return Layout.page(id, "/", body.toString(), footer, viewer);
    }

    private static final List<String> ORDER_HEADER = List.of("CLIENT ORDER ID", "CANDLE (UTC)", "SIDE", "REQUESTED",
            "EXECUTED", "STATUS", "EXCHANGE STATUS", "REASON");
    private static final List<Boolean> ORDER_NUMERIC = List.of(false, false, false, true, true, false, false, false);

    /** One row per order, as {@code orders} prints it: what was asked, what the exchange executed, why it ended so. */
    private static String orderRows(List<LiveOrder> orders) {
        StringBuilder rows = new StringBuilder();
        for (LiveOrder o : orders) {
            rows.append("<tr class=\"").append(o.status()).append("\">")
                    .append(Layout.cell(o.clientOrderId(), false))
                    .append(Layout.cell(PageText.time(o.candleTime()), false))
                    .append(Layout.cell(o.side().code(), false)).append(Layout.cell(o.requested(), true))
                    .append(Layout.cell(o.executed(), true)).append(Layout.cell(o.status(), false))
                    .append(Layout.cell(o.exchangeStatus() == null ? "-" : o.exchangeStatus(), false))
                    .append(Layout.cell(o.reason() == null ? "-" : o.reason(), false)).append("</tr>\n");
        }
        return rows.toString();
    }

    /**
     * The form that resumes a halted strategy, or halts one that is not; {@code from} is where the answer sends the
     * browser back to ({@code overview} or {@code strategy}), {@code haltFields} more fields of the halt's form.
     */
    static String haltOrResume(Viewer viewer, String id, boolean halted, String from, String haltFields) {
        String path = OverviewPage.link(id);
        return halted ? viewer.form(path + "/resume", "act resume", Viewer.hidden("from", from), "resume")
                : viewer.form(path + "/halt", "act halt", Viewer.hidden("from", from) + haltFields, "halt");
    }

    /** The latest drift {@code driftJob} stored, as figures; what to run for the trades that differ. */
    private static String drift(DashboardData.StrategyView view) {
        String id = view.live().report().strategy().id();
        if (view.drift().isEmpty()) {
            return "<p class=\"none\">not computed yet: a trader computes it every trading.drift.interval"
                    + " (or run: drift --all)</p>";
        }
        DriftScore d = view.drift().get();
        List<Map.Entry<String, String>> figures = List.of(
                Map.entry("drift score", score(d)),
                Map.entry("computed at", PageText.time(d.computedAt()) + " UTC"),
                Map.entry("window", PageText.time(d.windowFrom()) + " to " + PageText.time(d.windowTo()) + " UTC"),
                Map.entry("matched trades", String.valueOf(d.matched())),
                Map.entry("only live", String.valueOf(d.onlyLive())),
                Map.entry("only replay", String.valueOf(d.onlyReplay())),
                Map.entry("on candles not evaluated live", String.valueOf(d.missed())),
                Map.entry("under a declaration changed since", String.valueOf(d.otherDeclaration())),
                Map.entry("other differences", String.valueOf(d.differentSignal())),
                Map.entry("mean |price diff|", d.priceDiffBps().toPlainString() + " bps"),
                Map.entry("mean fill slippage", d.fillSlippageBps().map(b -> b.toPlainString() + " bps")
                        .orElse("no orders")));
        StringBuilder t = new StringBuilder("<p>Its live trades against a replay of it as declared now. Which trades"
                + " differ, and why: <code>drift --strategy ").append(PageText.html(id)).append("</code></p>\n")
                .append("<table id=\"drift-figures\" class=\"figures\"><tbody>");
        for (Map.Entry<String, String> f : figures) {
            t.append("<tr><th scope=\"row\">").append(PageText.html(f.getKey())).append("</th><td>")
                    .append(PageText.html(f.getValue())).append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /** A drift score as {@code drift} prints it. */
    static String score(DriftScore d) {
        return d.score().toPlainString() + " %";
    }

    /** The report's figures, one row each, as {@code report --strategy} prints them. */
    private static String figures(String id, StrategyDetail detail) {
        StringBuilder t = new StringBuilder("<table id=\"").append(id).append("\" class=\"figures\"><tbody>");
        for (Map.Entry<String, String> f : detail.figures()) {
            t.append("<tr><th scope=\"row\">").append(PageText.html(f.getKey())).append("</th><td>")
                    .append(PageText.html(f.getValue())).append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    private static String tradeRows(List<StoredTrade> trades) {
        StringBuilder rows = new StringBuilder();
        for (StoredTrade t : trades) {
            String result = t.pnl() == null ? "" : t.pnl().signum() > 0 ? " class=\"win\"" : t.pnl().signum() < 0
                    ? " class=\"loss\"" : "";
            rows.append("<tr").append(result).append('>').append(Layout.cell(PageText.time(t.candleTime()), false))
                    .append(Layout.cell(t.side(), false)).append(Layout.cell(PageText.amount(t.price()), true))
                    .append(Layout.cell(PageText.amount(t.quantity()), true))
                    .append(Layout.cell(PageText.amount(t.fee()), true))
                    .append("<td class=\"num pnl\">").append(t.pnl() == null ? "" : PageText.amount(t.pnl()))
                    .append("</td>").append(Layout.cell(t.pnlPercent() == null ? "" : PageText.percent(t.pnlPercent()), true))
                    .append("</tr>\n");
        }
        return rows.toString();
    }
}
