package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.gaps.Coverage;
import dev.tradingbatch.jobs.replay.html.PageText;
import dev.tradingbatch.model.Gap;
import dev.tradingbatch.model.MarketSummary;

import java.time.Instant;
import java.util.List;

/** {@code /markets}: every stored series with its coverage as {@code markets} prints it, then its open gaps. */
final class MarketsPage {

    private static final List<String> HEADER = List.of("EXCHANGE", "SYMBOL", "TIMEFRAME", "FIRST (UTC)", "LAST (UTC)",
            "EXPECTED", "STORED", "EMPTY", "OPEN GAPS", "MISSING", "DERIVED");
    private static final List<Boolean> NUMERIC = List.of(false, false, false, false, false, true, true, true, true, true,
            true);
    /** Open gaps listed per series; the rest are counted (see: gaps). */
    static final int GAPS_SHOWN = 20;

    private MarketsPage() {
    }

    static String render(List<DashboardData.Series> series, String footer) {
        return render(series, footer, Viewer.READ_ONLY);
    }

    /** The same for anyone; the viewer only changes the header. */
    static String render(List<DashboardData.Series> series, String footer, Viewer viewer) {
        if (series.isEmpty()) {
            return Layout.page("Markets", "/markets", "<p class=\"none\">no candles stored yet (see: backfill --help)</p>",
                    footer, viewer);
        }
        StringBuilder rows = new StringBuilder();
        StringBuilder gaps = new StringBuilder();
        for (DashboardData.Series s : series) {
            MarketSummary m = s.summary();
            Coverage c = s.coverage();
            rows.append("<tr>").append(Layout.cell(m.market().exchange(), false))
                    .append(Layout.cell(m.market().symbol(), false))
                    .append(Layout.cell(m.market().timeframe().toString(), false))
                    .append(Layout.cell(Instant.ofEpochMilli(m.firstOpenTime()).toString(), false))
                    .append(Layout.cell(Instant.ofEpochMilli(m.lastOpenTime()).toString(), false));
            for (long n : new long[] {c.expected(), c.stored(), c.confirmedEmpty(), c.open().size(), c.openMissing(),
                    s.derived()}) {
                rows.append(Layout.cell(Long.toString(n), true));
            }
            rows.append("</tr>\n");
            if (!c.open().isEmpty()) {
                gaps.append("<h2>").append(PageText.html(m.market().exchange() + " " + m.market().symbol() + " "
                        + m.market().timeframe())).append(": ").append(PageText.html(c.text())).append("</h2><ul>");
                c.open().stream().limit(GAPS_SHOWN).forEach(g -> gaps.append("<li>").append(gap(g)).append("</li>"));
                if (c.open().size() > GAPS_SHOWN) {
                    gaps.append("<li>and ").append(c.open().size() - GAPS_SHOWN).append(" more (see: gaps)</li>");
                }
                gaps.append("</ul>\n");
            }
        }
        String body = Layout.table("markets", HEADER, NUMERIC, rows)
                + (gaps.isEmpty() ? "<p>No open gap: every missing candle was confirmed empty by its exchange.</p>"
                : "<p>Open gaps: missing candles nobody has confirmed empty (fill-gaps asks for them again).</p>" + gaps);
        return Layout.page("Markets", "/markets", body, footer, viewer);
    }

    /** {@code [2024-01-01T02:00:00Z, 2024-01-01T05:00:00Z): 3 candles, asked 1 time}. */
    private static String gap(Gap g) {
        return PageText.html("[" + Instant.ofEpochMilli(g.start()) + ", " + Instant.ofEpochMilli(g.end()) + "): "
                + g.missing() + (g.missing() == 1 ? " candle" : " candles") + ", asked " + g.asks()
                + (g.asks() == 1 ? " time" : " times"));
    }
}
