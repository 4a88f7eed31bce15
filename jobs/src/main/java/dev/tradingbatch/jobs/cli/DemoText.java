package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.demo.DemoService;

import java.util.ArrayList;
import java.util.List;

/** The summary {@code demo} prints after its runs: a row per trader and a line on what the figures mean. */
final class DemoText {

    private static final String ROW = "%-14s %-20s %11s %14s %9s %12s %13s  %s";

    private DemoText() {
    }

    static List<String> summary(List<DemoService.Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format(ROW, "STRATEGY", "MARKET", "LIVE FILLS", "REPLAY FILLS", "RETURN", "MAX DRAWDOWN",
                "BUY AND HOLD", "REPORT"));
        for (DemoService.Row r : rows) {
            lines.add(String.format(ROW, r.strategy(), r.market(), r.liveTrades(), r.replay().trades(),
                    r.report().totalReturn(), r.report().maxDrawdown(), r.report().buyAndHold(), r.report().file()));
        }
        lines.add("");
        lines.add("live: each trader evaluated the last " + DemoService.LIVE_CANDLES + " candles one at a time, as the "
                + "scheduled trader does (see: report); replays: the whole sample (see: replay list); fills are buys "
                + "and sells. Open the reports in a browser.");
        return lines;
    }
}
