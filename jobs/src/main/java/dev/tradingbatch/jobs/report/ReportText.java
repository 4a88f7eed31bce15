package dev.tradingbatch.jobs.report;

import dev.tradingbatch.db.ReportRepository;
import dev.tradingbatch.db.StoredStrategy;
import dev.tradingbatch.jobs.halt.HaltText;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.StoredTrade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The report's lines. Amounts in quote currency (pnl, fees, drawdown) are shown at the market's price decimals
 * (at least 2, HALF_EVEN), or exactly when no candle of the market is stored; prices and quantities exactly, written plainly
 * without trailing zeros; win rate, drawdown percent and unrealised percent are rounded HALF_EVEN to 2 decimals;
 * the average return keeps the 12 decimals pnl_percent is stored with. Times are candle open times, UTC.
 */
final class ReportText {

    private static final String LABEL = "%-15s %s";
    /** Amounts of quote currency are shown to at least this many decimals, a market's prices may have fewer. */
    private static final int MIN_DECIMALS = 2;
    private static final String[] HEADER =
            {"STRATEGY", "TYPE", "MARKET", "TRADES", "TOTAL PNL", "WIN RATE", "AVG RETURN", "MAX DRAWDOWN", "OPEN"};
    /** Which columns of the table are numbers, aligned to the right. */
    private static final boolean[] RIGHT = {false, false, false, true, true, true, true, true, false};

    private ReportText() {
    }

    /** One strategy's figures, a line each; the last candle and Query 2's row where there are any. */
    static List<String> detail(StrategyDetail detail) {
        return figures(detail).stream().map(f -> line(f.getKey(), f.getValue())).toList();
    }

    /** One strategy's figures, label and value, in the order {@link #detail} prints them. */
    static List<Map.Entry<String, String>> figures(StrategyDetail detail) {
        StoredStrategy s = detail.report().strategy();
        ReportMetrics m = detail.report().metrics();
        String runId = detail.runId();
        String quote = s.quote().isEmpty() ? "" : " " + s.quote();
        List<Map.Entry<String, String>> figures = new ArrayList<>();
        figures.add(Map.entry("strategy", s.id() + ": " + s.type() + " on " + s.market() + ", run " + runId));
        detail.halt().ifPresent(h -> figures.add(Map.entry("state", "HALTED: " + HaltText.of(h))));
        figures.add(Map.entry("closed trades", m.closedTrades() + " (" + m.wins() + " won, " + m.losses() + " lost)"));
        OptionalInt decimals = s.priceDecimals();
        figures.add(Map.entry("total pnl", money(m.totalPnl(), decimals) + quote));
        figures.add(Map.entry("win rate", percent2(m.winRate())));
        figures.add(Map.entry("avg return", percent12(m.avgReturn())));
        ReportMetrics.Drawdown d = m.maxDrawdown();
        figures.add(Map.entry("max drawdown", d.notional() == null ? "0" + quote
                : money(d.amount(), decimals) + quote + " (" + percent2(d.percent()) + " of "
                + money(d.notional(), decimals) + "), "
                + (d.peakTime() == null ? "peak at the start" : "peak at the sell of " + time(d.peakTime()))
                + ", trough at the sell of " + time(d.troughTime())));
        if (m.openPosition().isEmpty()) {
            figures.add(Map.entry("open position", "none"));
        } else {
            StoredTrade buy = m.openPosition().get();
            figures.add(Map.entry("open position", amount(buy.quantity()) + " bought at " + amount(buy.price()) + ", fee "
                    + money(buy.fee(), decimals) + ", on the candle of " + time(buy.candleTime())));
            figures.add(Map.entry("unrealised pnl", detail.lastCandle().map(c -> {
                BigDecimal pnl = ReportMetrics.unrealisedPnl(buy, c.close());
                return money(pnl, decimals) + quote + " (" + percent2(ReportMetrics.percent(pnl, buy.cost()))
                        + ") at the close of "
                        + time(c.openTime()) + ", " + amount(c.close());
            }).orElse("no candle stored for " + s.market())));
        }
        if (!RunIds.LIVE.equals(runId)) {
            figures.add(Map.entry("query 2", "not run: it reads the trades view, which holds run " + RunIds.LIVE + " only"));
        } else {
            figures.add(Map.entry("query 2", detail.query2().map(q -> "total_trades " + q.totalTrades() + ", total_pnl "
                    + sql(q.totalPnl()) + ", avg_return " + sql(q.avgReturn()) + ", winning_trades " + q.winningTrades()
                    + ", losing_trades " + q.losingTrades()).orElse("no row: no live trades")));
        }
        if (!detail.executions().isEmpty()) {
            figures.add(Map.entry("execution", executionSlippage(detail.executions())));
        }
        return figures;
    }

    /**
     * A live strategy's execution slippage: how far its real average prices were from what the paper model gave its
     * signals, in basis points of the modelled price, positive when worse (a buy dearer, a sell cheaper).
     */
    private static String executionSlippage(List<ReportRepository.Execution> executions) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal worst = null;
        for (ReportRepository.Execution e : executions) {
            BigDecimal bps = e.slippageBps();
            total = total.add(bps);
            worst = worst == null || bps.compareTo(worst) > 0 ? bps : worst;
        }
        BigDecimal average = total.divide(BigDecimal.valueOf(executions.size()), 2, RoundingMode.HALF_EVEN);
        return executions.size() + (executions.size() == 1 ? " order" : " orders") + " filled, "
                + average.toPlainString() + " bps from the modelled price on average, worst "
                + worst.toPlainString() + " bps (positive: worse than modelled)";
    }

    /** Every strategy's figures, a row each in the order given, under a line saying the run and the order. */
    static List<String> table(StrategyTable table) {
        if (table.rows().isEmpty()) {
            return List.of("no strategies declared yet");
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        table.rows().forEach(r -> cells.add(cells(r)));
        int[] widths = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("run " + table.runId() + ", " + switch (table.sort()) {
            case PNL -> "by total pnl, best first";
            case WIN_RATE -> "by win rate, best first";
            case DRAWDOWN -> "by max drawdown, smallest first";
        });
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String format = "%" + (RIGHT[i] ? "" : "-") + widths[i] + "s";
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : String.format(format, row[i]));
            }
            lines.add(line.toString());
        }
        table.halts().forEach(h -> lines.add("HALTED " + (h.all() ? "every strategy" : h.strategyId()) + ": "
                + HaltText.of(h)));
        return lines;
    }

    /** A strategy's cells in the table of all strategies, under {@link #HEADER}. */
    static String[] cells(StrategyReport r) {
        ReportMetrics m = r.metrics();
        ReportMetrics.Drawdown d = m.maxDrawdown();
        return new String[] {r.strategy().id(), r.strategy().type(), r.strategy().market(),
                String.valueOf(m.closedTrades()), money(m.totalPnl(), r.strategy().priceDecimals()),
                percent2(m.winRate()), percent12(m.avgReturn()),
                money(d.amount(), r.strategy().priceDecimals()) + " (" + percent2(d.percent()) + ")",
                m.openPosition().isPresent() ? "yes" : "no"};
    }

    /** The table's column headings. */
    static List<String> header() {
        return List.of(HEADER);
    }

    private static String line(String label, String value) {
        return String.format(LABEL, label, value);
    }

    private static String amount(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** An amount of quote currency at the market's price decimals (at least cents) when known, else exactly. */
    private static String money(BigDecimal value, OptionalInt decimals) {
        return decimals.isPresent()
                ? value.setScale(Math.max(MIN_DECIMALS, decimals.getAsInt()), RoundingMode.HALF_EVEN).toPlainString()
                : amount(value);
    }

    private static String percent2(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    private static String percent12(BigDecimal value) {
        return amount(value.setScale(ReportMetrics.SCALE, RoundingMode.HALF_EVEN)) + "%";
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** A value of Query 2 as SQLite wrote it; NULL where SQL has no value (a sum over no closed trade). */
    private static String sql(String value) {
        return value == null ? "NULL" : value;
    }
}
