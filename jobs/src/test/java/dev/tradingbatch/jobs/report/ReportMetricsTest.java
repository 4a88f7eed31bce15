package dev.tradingbatch.jobs.report;

import dev.tradingbatch.model.StoredTrade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures on hand-built trades, every value worked out by hand from the exact decimals. */
class ReportMetricsTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = 3_600_000L;

    final List<StoredTrade> trades = new ArrayList<>();

    @Test
    void shouldSumPnlCountWinsAndFindTheFallFromThePeak() {
        // cost 40000 × 0.025 + 1 = 1001; pnl (42000 × 0.025 − 1.05) − 1001 = 47.95
        buy(1, "40000", "0.025", "1");
        sell(3, "42000", "0.025", "1.05", "47.95", "4.79020979021");
        // cost 41000 × 0.024 + 0.984 = 984.984; pnl (39000 × 0.024 − 0.936) − 984.984 = -49.92
        buy(5, "41000", "0.024", "0.984");
        sell(6, "39000", "0.024", "0.936", "-49.92", "-5.068102629078");
        // cost 988.988; pnl (39500 × 0.026 − 1.027) − 988.988 = 36.985
        buy(7, "38000", "0.026", "0.988");
        sell(9, "39500", "0.026", "1.027", "36.985", "3.73968137126");
        buy(10, "39800", "0.025", "0.995");

        ReportMetrics m = ReportMetrics.of(trades);

        assertThat(m.closedTrades()).isEqualTo(3);
        assertThat(m.wins()).isEqualTo(2);
        assertThat(m.losses()).isEqualTo(1);
        assertThat(m.totalPnl()).isEqualByComparingTo("35.015");
        assertThat(m.winRate()).isEqualByComparingTo("66.666666666667");
        // (4.79020979021 − 5.068102629078 + 3.73968137126) / 3 = 3.461788532392 / 3 = 1.153929510797333…
        assertThat(m.avgReturn()).isEqualByComparingTo("1.153929510797");
        // equity 47.95 (peak), -1.97 (trough), 35.015; notional 47.95 + 984.984, the stake the fall began with
        assertThat(m.maxDrawdown()).isEqualTo(new ReportMetrics.Drawdown(new BigDecimal("49.92"),
                new BigDecimal("1032.934"), new BigDecimal("4.832835398970"), T0 + 3 * H, T0 + 6 * H));
        assertThat(m.openPosition()).contains(trades.getLast());
    }

    @Test
    void shouldGiveZerosWithoutTrades() {
        ReportMetrics m = ReportMetrics.of(List.of());

        assertThat(m).isEqualTo(new ReportMetrics(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                ReportMetrics.Drawdown.NONE, java.util.Optional.empty()));
    }

    @Test
    void shouldMeasureAFallFromTheStartAgainstTheFirstStake() {
        // cost 2000 × 0.5 + 1 = 1001; pnl (1990 × 0.5 − 0.995) − 1001 = -6.995
        buy(0, "2000", "0.5", "1");
        sell(1, "1990", "0.5", "0.995", "-6.995", "-0.698801198801");

        ReportMetrics m = ReportMetrics.of(trades);

        assertThat(m.winRate()).isEqualByComparingTo("0");
        assertThat(m.losses()).isEqualTo(1);
        // 6.995 / (0 + 1001) × 100 = 0.698801198801198…
        assertThat(m.maxDrawdown()).isEqualTo(new ReportMetrics.Drawdown(new BigDecimal("6.995"),
                new BigDecimal("1001.0"), new BigDecimal("0.698801198801"), null, T0 + H));
        assertThat(m.openPosition()).isEmpty();
    }

    @Test
    void shouldKeepTheLargestOfSeveralFallsInQuoteCurrency() {
        // stakes of 100 each; pnl 10, -4, 20, -15, -5, 30: equity 10, 6, 26 (peak), 11, 6 (trough), 36
        String[] pnl = {"10", "-4", "20", "-15", "-5", "30"};
        for (int i = 0; i < pnl.length; i++) {
            buy(2 * i, "100", "1", "0");
            sell(2 * i + 1, "100", "1", "0", pnl[i], pnl[i]);
        }

        ReportMetrics m = ReportMetrics.of(trades);

        assertThat(m.totalPnl()).isEqualByComparingTo("36");
        assertThat(m.winRate()).isEqualByComparingTo("50");
        assertThat(m.avgReturn()).isEqualByComparingTo("6");
        // the fall of 20 from 26, not the first of 4 from 10; 20 / (26 + 100) × 100 = 15.8730158730158…
        assertThat(m.maxDrawdown()).isEqualTo(new ReportMetrics.Drawdown(new BigDecimal("20"),
                new BigDecimal("126"), new BigDecimal("15.873015873016"), T0 + 5 * H, T0 + 9 * H));
    }

    @Test
    void shouldValueTheOpenPositionAtACloseBeforeTheSellingFee() {
        StoredTrade buy = buy(10, "39800", "0.025", "0.995");

        // (40150.5 − 39800) × 0.025 − 0.995 = 8.7625 − 0.995
        assertThat(ReportMetrics.unrealisedPnl(buy, new BigDecimal("40150.5"))).isEqualByComparingTo("7.7675");
        // (39700 − 39800) × 0.025 − 0.995
        assertThat(ReportMetrics.unrealisedPnl(buy, new BigDecimal("39700"))).isEqualByComparingTo("-3.495");
    }

    private StoredTrade buy(int hour, String price, String quantity, String fee) {
        return add(hour, "buy", price, quantity, fee, null, null);
    }

    private void sell(int hour, String price, String quantity, String fee, String pnl, String pnlPercent) {
        add(hour, "sell", price, quantity, fee, new BigDecimal(pnl), new BigDecimal(pnlPercent));
    }

    private StoredTrade add(int hour, String side, String price, String quantity, String fee, BigDecimal pnl,
                            BigDecimal pnlPercent) {
        StoredTrade t = new StoredTrade(trades.size() + 1, "s", side, new BigDecimal(price), new BigDecimal(quantity),
                new BigDecimal(fee), T0 + hour * H, pnl, pnlPercent);
        trades.add(t);
        return t;
    }
}
