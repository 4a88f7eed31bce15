package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.ledger.AccountCheck;
import dev.tradingbatch.jobs.ledger.Positions;
import dev.tradingbatch.jobs.ledger.StrategyPosition;
import dev.tradingbatch.model.LiveOrder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.tradingbatch.model.OpenTimes.iso;

/** What {@code orders} and {@code positions} print: tables of exact decimals, written plainly. */
final class LedgerText {

    private static final String[] ORDER_HEADER = {"CLIENT ORDER ID", "STRATEGY", "SYMBOL", "SIDE", "CANDLE",
            "REQUESTED", "EXECUTED", "STATUS", "EXCHANGE STATUS", "REASON"};

    private LedgerText() {
    }

    static List<String> orders(List<LiveOrder> orders, String strategy, List<String> statuses) {
        if (orders.isEmpty()) {
            return List.of("no live orders" + (strategy == null ? "" : " of " + strategy)
                    + (statuses.isEmpty() ? "" : " in status " + String.join(", ", statuses)));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(ORDER_HEADER);
        for (LiveOrder o : orders) {
            rows.add(new String[] {o.clientOrderId(), o.strategyId(), o.symbol(), o.side().code(), iso(o.candleTime()),
                    o.requested(), o.executed(), o.status(), dash(o.exchangeStatus()), dash(o.reason())});
        }
        return table(rows);
    }

    static List<String> positions(Positions.Report report) {
        if (report.strategies().isEmpty()) {
            return List.of("no live strategies declared and no live orders recorded (docs/live.md)");
        }
        List<String[]> rows = new ArrayList<>();
        // the column of allocations only when one is declared
        boolean allocations = report.strategies().stream().anyMatch(p -> p.quoteLeft() != null);
        rows.add(allocations
                ? new String[] {"STRATEGY", "ACCOUNT", "SYMBOL", "ORDERS", "BOUGHT", "SOLD", "FEES", "POSITION",
                        "ALLOCATION LEFT"}
                : new String[] {"STRATEGY", "ACCOUNT", "SYMBOL", "ORDERS", "BOUGHT", "SOLD", "FEES", "POSITION"});
        for (StrategyPosition p : report.strategies()) {
            String[] row = {p.strategyId(), p.account(), p.symbol(), String.valueOf(p.orders()),
                    plain(p.bought()), plain(p.sold()), plain(p.fees()), plain(p.position()) + " " + p.base()};
            if (allocations) {
                row = java.util.Arrays.copyOf(row, row.length + 1);
                row[row.length - 1] = p.quoteLeft() == null ? "-" : plain(p.quoteLeft()) + " " + p.quote();
            }
            rows.add(row);
        }
        List<String> lines = new ArrayList<>(table(rows));
        for (AccountCheck check : report.accounts()) {
            lines.add("");
            switch (check) {
                case AccountCheck.Failed f -> lines.add("account " + f.account() + ": balances not known, the request"
                        + " failed: " + f.reason());
                case AccountCheck.Compared c -> {
                    lines.add("account " + c.account() + ": the exchange's balances (free + locked) beside the sum of"
                            + " its strategies' ledgers");
                    List<String[]> assets = new ArrayList<>();
                    assets.add(new String[] {"ASSET", "EXCHANGE", "LEDGERS", "DIFFERENCE"});
                    for (AccountCheck.AssetComparison a : c.assets()) {
                        assets.add(new String[] {a.asset(), plain(a.exchange()), a.ledgers().map(LedgerText::plain)
                                .orElse("-"), a.difference().map(LedgerText::plain).orElse("-")});
                    }
                    lines.addAll(table(assets));
                }
            }
        }
        return lines;
    }

    /** Left-aligned columns two spaces apart; the last column is not padded. */
    static List<String> table(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ")
                        .append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s", row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** A decimal as stored, without trailing zeros: 0.0025, 100. */
    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
