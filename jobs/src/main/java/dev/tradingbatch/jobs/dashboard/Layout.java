package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.replay.html.PageText;

import java.util.List;

/**
 * The frame of every dashboard page: its title, the links to the other pages and the style, all inline. The
 * Content-Security-Policy allows no script and nothing fetched, so a page shows the same offline.
 */
final class Layout {

    private static final List<String[]> NAV = List.of(new String[] {"/", "Strategies"}, new String[] {"/markets", "Markets"},
            new String[] {"/jobs", "Jobs"}, new String[] {"/audit", "Audit"});

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
            header{background:#1d2733;color:#fff;padding:8px 16px;display:flex;gap:24px;align-items:baseline}
            header a{color:#cfd8e3;text-decoration:none}header a.active{color:#fff;font-weight:600}
            header .name{font-weight:700;margin-right:16px}main{padding:16px}
            h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:20px 0 8px}
            table{border-collapse:collapse;background:#fff}th,td{padding:4px 10px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:middle}
            th{font-weight:600;background:#eef1f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .halted{color:#b71c1c;font-weight:600}.none{color:#8a949e}.side{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
            svg path{fill:none;stroke-width:1.5}path.gain,path.live{stroke:#2962ff}path.loss{stroke:#e53935}path.replay{stroke:#ff9800;stroke-dasharray:4 3}
            line.zero{stroke:#9aa4ae;stroke-dasharray:2 2}line.grid{stroke:#e3e6ea}rect.plot{fill:#fff;stroke:#cfd5db}
            text.axis{font-size:11px;fill:#5f6b77}.legend span{margin-right:16px}.legend .live{color:#2962ff}.legend .replay{color:#ff9800}
            tr.win td.pnl{color:#2e7d32}tr.loss td.pnl{color:#c62828}footer{color:#8a949e;padding:0 16px 16px}
            header .who{margin-left:auto;color:#cfd8e3}header form{display:inline}form.act{display:inline;margin:0}
            .notice{padding:8px 12px;margin:0 0 12px;border-left:4px solid #2962ff;background:#fff}
            .notice.refused,.notice.failed{border-color:#c62828}label{margin-right:8px}
            path.close{stroke:#455a64;stroke-width:1}circle.buy{fill:#2e7d32}circle.sell{fill:#c62828}
            .legend .buy{color:#2e7d32}.legend .sell{color:#c62828}
            """;

    private Layout() {
    }

    /** A whole page of the read-only dashboard. */
    static String page(String title, String active, String body, String footer) {
        return page(title, active, body, footer, Viewer.READ_ONLY);
    }

    /**
     * A whole page: {@code body} is HTML already escaped; {@code active} is the path of the page's link. With the
     * actions on, the header says who is signed in (or links to sign in) and the action the page was sent back
     * after is shown first.
     */
    static String page(String title, String active, String body, String footer, Viewer viewer) {
        StringBuilder nav = new StringBuilder();
        for (String[] link : NAV) {
            nav.append("<a href=\"").append(link[0]).append('"').append(link[0].equals(active) ? " class=\"active\"" : "")
                    .append('>').append(link[1]).append("</a>");
        }
        if (viewer.actions()) {
            nav.append("<span class=\"who\">").append(viewer.user()
                    .map(u -> "signed in as " + PageText.html(u) + " " + viewer.form("/logout", "logout", "", "sign out"))
                    .orElse("<a href=\"/login\">sign in</a> to act")).append("</span>");
        }
        String notice = viewer.notice().map(a -> "<p class=\"notice " + PageText.html(a.outcome()) + "\" id=\"notice\">"
                + PageText.html(a.action() + " " + a.target() + " by " + a.username() + ": " + a.outcome() + ": "
                + a.message()) + "</p>\n").orElse("");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " form-action 'self'\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + PageText.html(title)
                + " · trading-batch</title><style>" + STYLE + "</style></head>\n<body><header><span class=\"name\">"
                + "trading-batch</span>" + nav + "</header>\n<main><h1>" + PageText.html(title) + "</h1>\n" + notice + body
                + "</main><footer>" + PageText.html(footer) + "</footer></body></html>\n";
    }

    /** A table: the header cells (a {@code num} column is aligned right), then the rows' HTML as given. */
    static String table(String id, List<String> header, List<Boolean> numeric, CharSequence rows) {
        StringBuilder t = new StringBuilder("<table id=\"").append(id).append("\"><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            t.append(numeric.get(i) ? "<th class=\"num\">" : "<th>").append(PageText.html(header.get(i))).append("</th>");
        }
        return t.append("</tr></thead><tbody>\n").append(rows).append("</tbody></table>\n").toString();
    }

    /** A table cell of text, escaped; a number's aligned right. */
    static String cell(String text, boolean numeric) {
        return (numeric ? "<td class=\"num\">" : "<td>") + PageText.html(text) + "</td>";
    }
}
