package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.DashboardAction;
import dev.tradingbatch.jobs.replay.html.PageText;

import java.time.Instant;
import java.util.List;

/** {@code /audit}: who did what through the dashboard, and when, newest first ({@code dashboard_actions}). */
final class AuditPage {

    private static final List<String> HEADER = List.of("WHEN (UTC)", "WHO", "ACTION", "TARGET", "OUTCOME", "MESSAGE");
    private static final List<Boolean> NUMERIC = List.of(false, false, false, false, false, false);

    private AuditPage() {
    }

    static String render(List<DashboardAction> actions, String footer, Viewer viewer) {
        String intro = "<p>The newest " + DashboardData.AUDIT + " actions done through the dashboard, newest first"
                + (viewer.actions() ? "" : " (its actions are off: trading.dashboard.actions.enabled)") + ".</p>\n";
        if (actions.isEmpty()) {
            return Layout.page("Audit", "/audit", intro + "<p class=\"none\">no action recorded yet</p>", footer, viewer);
        }
        StringBuilder rows = new StringBuilder();
        for (DashboardAction a : actions) {
            rows.append("<tr class=\"").append(PageText.html(a.outcome())).append("\">")
                    .append(Layout.cell(Instant.ofEpochMilli(a.at()).toString(), false))
                    .append(Layout.cell(a.username(), false)).append(Layout.cell(a.action(), false))
                    .append(Layout.cell(a.target(), false)).append(Layout.cell(a.outcome(), false))
                    .append(Layout.cell(a.message(), false)).append("</tr>\n");
        }
        return Layout.page("Audit", "/audit", intro + Layout.table("audit", HEADER, NUMERIC, rows), footer, viewer);
    }
}
