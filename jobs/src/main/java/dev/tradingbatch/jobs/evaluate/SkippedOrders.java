package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.strategies.SkippedOrder;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The signals of a run that made no order (a buy below the market's minimum quantity or notional; a live strategy's
 * sell of nothing held), kept in the
 * run's job execution context beside its other figures, so that {@code evaluate}, {@code replay} and
 * {@code jobs show} say them: the count, and the first {@value #KEPT} with their reasons (a strategy may signal on
 * every candle of a long dip, each skipped alike).
 */
public final class SkippedOrders {

    /** Job execution context keys. */
    static final String COUNT = "orders.skipped";
    static final String LINES = "orders.skipped.lines";
    /** The most skipped orders listed one per line; the rest are counted. */
    static final int KEPT = 10;

    private SkippedOrders() {
    }

    /** Records the run's skipped orders in its context. */
    public static void put(ExecutionContext ctx, List<SkippedOrder> skipped) {
        ctx.putInt(COUNT, skipped.size());
        ctx.putString(LINES, String.join("\n", skipped.stream().limit(KEPT).map(SkippedOrder::line).toList()));
    }

    /** The lines a person reads: the first skipped orders, then how many more; none for a run that skipped none. */
    public static List<String> lines(ExecutionContext ctx) {
        int count = ctx.getInt(COUNT, 0);
        List<String> lines = new ArrayList<>();
        if (count == 0) {
            return lines;
        }
        lines.addAll(List.of(ctx.getString(LINES, "").split("\n")));
        if (count > lines.size()) {
            lines.add("... and " + (count - lines.size()) + " more skipped orders");
        }
        return lines;
    }

    /** For a step's exit description: {@code , 3 orders skipped (below the market's minimums)}, or nothing. */
    public static String summary(List<SkippedOrder> skipped) {
        return skipped.isEmpty() ? "" : ", " + skipped.size() + (skipped.size() == 1 ? " order" : " orders")
                + " skipped (" + skipped.getFirst().reason() + (skipped.size() > 1 ? "; ..." : "")
                + ")";
    }
}
