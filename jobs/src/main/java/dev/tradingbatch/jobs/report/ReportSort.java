package dev.tradingbatch.jobs.report;

import dev.tradingbatch.jobs.BadInputException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The order of the cross-strategy table, best first. Ties go to the higher total pnl, then to the strategy id.
 * Drawdowns are compared by their percent, which does not depend on the quote currency, then by amount.
 */
public enum ReportSort {
    PNL("pnl", Comparator.comparing((StrategyReport r) -> r.metrics().totalPnl()).reversed()),
    WIN_RATE("win-rate", Comparator.comparing((StrategyReport r) -> r.metrics().winRate()).reversed()),
    DRAWDOWN("drawdown", Comparator.comparing((StrategyReport r) -> r.metrics().maxDrawdown().percent())
            .thenComparing(r -> r.metrics().maxDrawdown().amount()));

    private final String code;
    private final Comparator<StrategyReport> order;

    ReportSort(String code, Comparator<StrategyReport> first) {
        this.code = code;
        this.order = first.thenComparing(Comparator.comparing((StrategyReport r) -> r.metrics().totalPnl()).reversed())
                .thenComparing(r -> r.strategy().id());
    }

    /** The value of {@code --sort}: {@code pnl}, {@code win-rate} or {@code drawdown}. */
    public static ReportSort parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown --sort '" + code + "' (expected "
                        + Arrays.stream(values()).map(s -> s.code).collect(Collectors.joining(", ")) + ")"));
    }

    String code() {
        return code;
    }

    Comparator<StrategyReport> order() {
        return order;
    }
}
