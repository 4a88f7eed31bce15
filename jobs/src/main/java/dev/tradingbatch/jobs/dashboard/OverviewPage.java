package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.jobs.replay.html.PageText;
import dev.tradingbatch.jobs.report.StrategyTable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The overview, {@code /}: every strategy side by side, its figures as {@code report} prints them (the same cells),
 * its mode, a sparkline of its realised pnl, its last evaluation, whether it is halted, and its latest drift score.
 */
final class OverviewPage {

    /** Where the overview's own columns go among {@code report}'s: after MARKET, and at the end. */
    private static final int AFTER_MARKET = 3;

    private OverviewPage() {
    }

    static String render(DashboardData.Overview overview, String footer) {
        return render(overview, footer, Viewer.READ_ONLY);
    }

    /** With a signed-in user (actions on): a last column to halt or resume each strategy. */
    static String render(DashboardData.Overview overview, String footer, Viewer viewer) {
        if (overview.rows().isEmpty()) {
            return Layout.page("Strategies", "/", "<p class=\"none\">no strategies recorded yet: a strategy appears "
                    + "here once it has been evaluated (see: evaluate, run)</p>", footer, viewer);
        }
        List<String> header = new ArrayList<>(StrategyTable.header());
        header.addAll(AFTER_MARKET, List.of("MODE", "REALISED PNL"));
        header.addAll(List.of("LAST EVALUATED (UTC)", "HALTED", "DRIFT"));
        if (viewer.canAct()) {
            header.add("ACTION");
        }
        List<Boolean> numeric = header.stream().map(h -> List.of("TRADES", "TOTAL PNL", "WIN RATE", "AVG RETURN",
                "MAX DRAWDOWN", "DRIFT").contains(h)).toList();
        StringBuilder rows = new StringBuilder();
        for (DashboardData.OverviewRow row : overview.rows()) {
            List<String> cells = StrategyTable.cells(row.report());
            String id = row.report().strategy().id();
            rows.append("<tr data-strategy=\"").append(PageText.html(id)).append("\"><td><a href=\"").append(link(id))
                    .append("\">").append(PageText.html(id)).append("</a></td>");
            for (int i = 1; i < cells.size(); i++) {
                if (i == AFTER_MARKET) {
                    rows.append(Layout.cell(row.mode(), false)).append("<td class=\"spark\">")
                            .append(Svg.sparkline(row.curve())).append("</td>");
                }
                rows.append(Layout.cell(cells.get(i), numeric.get(i < AFTER_MARKET ? i : i + 2)));
            }
            rows.append(Layout.cell(row.lastEvaluated().isPresent()
                    ? "candle of " + PageText.time(row.lastEvaluated().getAsLong()) : "not yet", false));
            rows.append(row.halted() ? "<td class=\"halted\">HALTED</td>" : "<td>no</td>");
            rows.append(Layout.cell(row.drift().map(StrategyPage::score).orElse("not yet"), true));
            if (viewer.canAct()) {
                rows.append("<td>").append(StrategyPage.haltOrResume(viewer, id, row.halted(), "overview", ""))
                        .append("</td>");
            }
            rows.append("</tr>\n");
        }
        StringBuilder body = new StringBuilder("<p>Live trades of every strategy, best total pnl first: the figures of "
                + "<code>report</code>. Realised pnl is drawn from the trades, one step per closed trade.</p>\n");
        body.append(Layout.table("strategies", header, numeric, rows));
        overview.halts().forEach(h -> body.append("<p class=\"halted\">HALTED ")
                .append(PageText.html(h.all() ? "every strategy" : h.strategyId())).append(": ")
                .append(PageText.html(HaltText.of(h))).append("</p>\n"));
        return Layout.page("Strategies", "/", body.toString(), footer, viewer);
    }

    /** The path of a strategy's page. */
    static String link(String id) {
        return "/strategies/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
