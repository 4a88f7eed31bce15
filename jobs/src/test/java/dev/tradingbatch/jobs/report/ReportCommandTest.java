package dev.tradingbatch.jobs.report;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report command on planted trades: two strategies on one market (binance BTC/USDT 1h, candles imported from
 * a CSV file), one on a market without candles, one without trades, and a backtest run. Every figure is worked
 * out by hand from the exact decimals in the comments.
 */
class ReportCommandTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = 3_600_000L;

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void createSchema() {
        cli = new CliRun(dir);
        assertThat(cli.run("markets").exitCode()).isZero();
    }

    void plant() throws IOException {
        strategy("btc-bin-1h", "rsi", "binance", "BTC/USDT", "1h");
        strategy("btc-bin-1h-macd", "macd", "binance", "BTC/USDT", "1h");
        strategy("eth-cb-15m", "trend", "coinbase", "ETH/USD", "15m");
        strategy("sol-kr-1d", "scalping", "kraken", "SOL/USD", "1d");

        // cost 40000 × 0.025 + 1 = 1001; pnl (42000 × 0.025 − 1.05) − 1001 = 47.95, 4.79020979021 % of the cost
        trade("btc-bin-1h", RunIds.LIVE, "buy", 1, "40000", "0.025", "1", null, null);
        trade("btc-bin-1h", RunIds.LIVE, "sell", 3, "42000", "0.025", "1.05", "47.95", "4.79020979021");
        // cost 41000 × 0.024 + 0.984 = 984.984; pnl (39000 × 0.024 − 0.936) − 984.984 = -49.92
        trade("btc-bin-1h", RunIds.LIVE, "buy", 5, "41000", "0.024", "0.984", null, null);
        trade("btc-bin-1h", RunIds.LIVE, "sell", 6, "39000", "0.024", "0.936", "-49.92", "-5.068102629078");
        // cost 38000 × 0.026 + 0.988 = 988.988; pnl (39500 × 0.026 − 1.027) − 988.988 = 36.985
        trade("btc-bin-1h", RunIds.LIVE, "buy", 7, "38000", "0.026", "0.988", null, null);
        trade("btc-bin-1h", RunIds.LIVE, "sell", 9, "39500", "0.026", "1.027", "36.985", "3.73968137126");
        // open: cost 39800 × 0.025 + 0.995 = 995.995
        trade("btc-bin-1h", RunIds.LIVE, "buy", 10, "39800", "0.025", "0.995", null, null);

        // same market, its own trades: pnl (41500 × 0.02 − 0.83) − (40500 × 0.02 + 0.81) = 829.17 − 810.81 = 18.36
        trade("btc-bin-1h-macd", RunIds.LIVE, "buy", 2, "40500", "0.02", "0.81", null, null);
        trade("btc-bin-1h-macd", RunIds.LIVE, "sell", 4, "41500", "0.02", "0.83", "18.36", "2.264402264402");
        // open: cost 40100 × 0.02 + 0.802 = 802.802
        trade("btc-bin-1h-macd", RunIds.LIVE, "buy", 11, "40100", "0.02", "0.802", null, null);

        // a loss from the start: pnl (1990 × 0.5 − 0.995) − (2000 × 0.5 + 1) = -6.995; then a position left open
        trade("eth-cb-15m", RunIds.LIVE, "buy", 0, "2000", "0.5", "1", null, null);
        trade("eth-cb-15m", RunIds.LIVE, "sell", 1, "1990", "0.5", "0.995", "-6.995", "-0.698801198801");
        trade("eth-cb-15m", RunIds.LIVE, "buy", 2, "1980", "0.5", "0.99", null, null);

        // a backtest of btc-bin-1h: pnl (39000 × 0.01 − 0.39) − (40000 × 0.01 + 0.4) = 389.61 − 400.4 = -10.79
        trade("btc-bin-1h", "bt-1", "buy", 1, "40000", "0.01", "0.4", null, null);
        trade("btc-bin-1h", "bt-1", "sell", 2, "39000", "0.01", "0.39", "-10.79", "-2.694805194805");

        // binance BTC/USDT 1h, hours 0-12; the last close is 40150.5
        StringBuilder csv = new StringBuilder("open_time,open,high,low,close,volume\n");
        for (int hour = 0; hour < 12; hour++) {
            csv.append(T0 + hour * H).append(",40000,40200,39900,40100,1.5\n");
        }
        csv.append(T0 + 12 * H).append(",40100,40200,40000,40150.5,2\n");
        Path file = Files.writeString(dir.resolve("btc.csv"), csv);
        CliRun.Result imported = cli.run("backfill", "--exchange", "file", "--file", file.toString(), "--symbol",
                "BTC/USDT", "--timeframe", "1h", "--as", "binance");
        assertThat(imported.out()).as(imported.err()).contains("13 stored");
    }

    @Test
    void shouldReportAStrategyInDetailWithItsOpenPositionAtTheLastClose() throws IOException {
        plant();

        CliRun.Result r = cli.run("report", "--strategy", "btc-bin-1h");

        assertThat(r.exitCode()).as(r.err()).isZero();
        // win rate 2 / 3; avg return (4.79020979021 − 5.068102629078 + 3.73968137126) / 3 = 1.153929510797333…;
        // equity 47.95 (peak), -1.97 (trough), 35.015: a fall of 49.92 from 47.95 + 984.984 = 1032.934 (4.8328…%);
        // unrealised (40150.5 − 39800) × 0.025 − 0.995 = 7.7675, 0.7798…% of 995.995
        assertThat(r.out()).isEqualTo("""
                strategy        btc-bin-1h: rsi on binance BTC/USDT 1h, run live
                closed trades   3 (2 won, 1 lost)
                total pnl       35.02 USDT
                win rate        66.67%
                avg return      1.153929510797%
                max drawdown    49.92 USDT (4.83% of 1032.93), peak at the sell of 2024-01-01T03:00:00Z, \
                trough at the sell of 2024-01-01T06:00:00Z
                open position   0.025 bought at 39800, fee 1.00, on the candle of 2024-01-01T10:00:00Z
                unrealised pnl  7.77 USDT (0.78%) at the close of 2024-01-01T12:00:00Z, 40150.5
                query 2         total_trades 7, total_pnl 35.015, avg_return 1.1539295107973333, winning_trades 2, \
                losing_trades 1
                """);
    }

    @Test
    void shouldPrintQuery2AsTheSeedsQueryGivesIt() throws IOException {
        plant();

        Map<String, Object> seed = cli.query("""
                SELECT strategy_id, COUNT(*) as total_trades, SUM(pnl) as total_pnl, AVG(pnl_percent) as avg_return,
                       SUM(CASE WHEN pnl > 0 THEN 1 ELSE 0 END) as winning_trades,
                       SUM(CASE WHEN pnl < 0 THEN 1 ELSE 0 END) as losing_trades
                FROM trades WHERE strategy_id = 'btc-bin-1h' GROUP BY strategy_id""").getFirst();
        String line = cli.run("report", "--strategy", "btc-bin-1h").out().lines()
                .filter(l -> l.startsWith("query 2")).findFirst().orElseThrow();

        // the values a client of the database reads, as SQLite writes them; COUNT(*) counts trade rows, the open
        // buy included: 7, where the report counts 3 round trips
        assertThat(line).isEqualTo("query 2         total_trades " + seed.get("total_trades") + ", total_pnl "
                + seed.get("total_pnl") + ", avg_return " + seed.get("avg_return") + ", winning_trades "
                + seed.get("winning_trades") + ", losing_trades " + seed.get("losing_trades"));
        assertThat(seed).containsEntry("total_trades", 7).containsEntry("total_pnl", 35.015)
                .containsEntry("winning_trades", 2).containsEntry("losing_trades", 1);
    }

    @Test
    void shouldReadTheSameLastCandleForTwoStrategiesOnOneMarket() throws IOException {
        plant();

        CliRun.Result r = cli.run("report", "--strategy", "btc-bin-1h-macd");

        assertThat(r.exitCode()).as(r.err()).isZero();
        // unrealised (40150.5 − 40100) × 0.02 − 0.802 = 0.208, 0.0259…% of 802.802
        assertThat(r.out()).isEqualTo("""
                strategy        btc-bin-1h-macd: macd on binance BTC/USDT 1h, run live
                closed trades   1 (1 won, 0 lost)
                total pnl       18.36 USDT
                win rate        100.00%
                avg return      2.264402264402%
                max drawdown    0 USDT
                open position   0.02 bought at 40100, fee 0.80, on the candle of 2024-01-01T11:00:00Z
                unrealised pnl  0.21 USDT (0.03%) at the close of 2024-01-01T12:00:00Z, 40150.5
                query 2         total_trades 3, total_pnl 18.36, avg_return 2.264402264402, winning_trades 1, \
                losing_trades 0
                """);
    }

    @Test
    void shouldSayWhenTheMarketOfAnOpenPositionHasNoCandle() throws IOException {
        plant();

        CliRun.Result r = cli.run("report", "--strategy", "eth-cb-15m");

        assertThat(r.exitCode()).as(r.err()).isZero();
        // a fall from the start: 6.995 of 0 + 1001, the first stake
        assertThat(r.out()).isEqualTo("""
                strategy        eth-cb-15m: trend on coinbase ETH/USD 15m, run live
                closed trades   1 (0 won, 1 lost)
                total pnl       -6.995 USD
                win rate        0.00%
                avg return      -0.698801198801%
                max drawdown    6.995 USD (0.70% of 1001), peak at the start, trough at the sell of 2024-01-01T01:00:00Z
                open position   0.5 bought at 1980, fee 0.99, on the candle of 2024-01-01T02:00:00Z
                unrealised pnl  no candle stored for coinbase ETH/USD 15m
                query 2         total_trades 3, total_pnl -6.995, avg_return -0.698801198801, winning_trades 0, \
                losing_trades 1
                """);
    }

    @Test
    void shouldPrintZerosForAStrategyWithoutTrades() throws IOException {
        plant();

        CliRun.Result r = cli.run("report", "--strategy", "sol-kr-1d");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                strategy        sol-kr-1d: scalping on kraken SOL/USD 1d, run live
                closed trades   0 (0 won, 0 lost)
                total pnl       0 USD
                win rate        0.00%
                avg return      0%
                max drawdown    0 USD
                open position   none
                query 2         no row: no live trades
                """);
    }

    @Test
    void shouldReportTheRunAsked() throws IOException {
        plant();

        CliRun.Result backtest = cli.run("report", "--strategy", "btc-bin-1h", "--run", "bt-1");
        CliRun.Result none = cli.run("report", "--strategy", "btc-bin-1h", "--run", "bt-2");

        assertThat(backtest.exitCode()).as(backtest.err()).isZero();
        // 10.79 of 0 + (40000 × 0.01 + 0.4) = 400.4: 2.6948…%
        assertThat(backtest.out()).isEqualTo("""
                strategy        btc-bin-1h: rsi on binance BTC/USDT 1h, run bt-1
                closed trades   1 (0 won, 1 lost)
                total pnl       -10.79 USDT
                win rate        0.00%
                avg return      -2.694805194805%
                max drawdown    10.79 USDT (2.69% of 400.40), peak at the start, trough at the sell of 2024-01-01T02:00:00Z
                open position   none
                query 2         not run: it reads the trades view, which holds run live only
                """);
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("""
                strategy        btc-bin-1h: rsi on binance BTC/USDT 1h, run bt-2
                closed trades   0 (0 won, 0 lost)
                total pnl       0.00 USDT
                win rate        0.00%
                avg return      0%
                max drawdown    0 USDT
                open position   none
                query 2         not run: it reads the trades view, which holds run live only
                """);
    }

    @Test
    void shouldListEveryStrategyByTotalPnl() throws IOException {
        plant();

        CliRun.Result r = cli.run("report");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                run live, by total pnl, best first
                STRATEGY         TYPE      MARKET                TRADES  TOTAL PNL  WIN RATE        AVG RETURN   MAX DRAWDOWN  OPEN
                btc-bin-1h       rsi       binance BTC/USDT 1h        3      35.02    66.67%   1.153929510797%  49.92 (4.83%)  yes
                btc-bin-1h-macd  macd      binance BTC/USDT 1h        1      18.36   100.00%   2.264402264402%   0.00 (0.00%)  yes
                sol-kr-1d        scalping  kraken SOL/USD 1d          0          0     0.00%                0%      0 (0.00%)  no
                eth-cb-15m       trend     coinbase ETH/USD 15m       1     -6.995     0.00%  -0.698801198801%  6.995 (0.70%)  yes
                """);
    }

    @Test
    void shouldSortByWinRateBestFirstAndByDrawdownSmallestFirst() throws IOException {
        plant();

        CliRun.Result byWinRate = cli.run("report", "--sort", "win-rate");
        CliRun.Result byDrawdown = cli.run("report", "--sort", "drawdown");

        // equal win rates (0%): the higher total pnl first
        assertThat(byWinRate.out().lines().map(l -> l.split(" ")[0]))
                .containsExactly("run", "STRATEGY", "btc-bin-1h-macd", "btc-bin-1h", "sol-kr-1d", "eth-cb-15m");
        assertThat(byWinRate.out()).startsWith("run live, by win rate, best first\n");
        // equal drawdowns (none): the higher total pnl first; then 0.70% before 4.83%
        assertThat(byDrawdown.out().lines().map(l -> l.split(" ")[0]))
                .containsExactly("run", "STRATEGY", "btc-bin-1h-macd", "sol-kr-1d", "eth-cb-15m", "btc-bin-1h");
        assertThat(byDrawdown.out()).startsWith("run live, by max drawdown, smallest first\n");
    }

    @Test
    void shouldListTheRunAskedWithZerosForStrategiesWithoutItsTrades() throws IOException {
        plant();

        CliRun.Result r = cli.run("report", "--run", "bt-1", "--sort", "pnl");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                run bt-1, by total pnl, best first
                STRATEGY         TYPE      MARKET                TRADES  TOTAL PNL  WIN RATE        AVG RETURN   MAX DRAWDOWN  OPEN
                btc-bin-1h-macd  macd      binance BTC/USDT 1h        0       0.00     0.00%                0%   0.00 (0.00%)  no
                eth-cb-15m       trend     coinbase ETH/USD 15m       0          0     0.00%                0%      0 (0.00%)  no
                sol-kr-1d        scalping  kraken SOL/USD 1d          0          0     0.00%                0%      0 (0.00%)  no
                btc-bin-1h       rsi       binance BTC/USDT 1h        1     -10.79     0.00%  -2.694805194805%  10.79 (2.69%)  no
                """);
    }

    @Test
    void shouldSayWhenNoStrategyIsDeclared() {
        CliRun.Result r = cli.run("report");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("no strategies declared yet\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "report --strategy nope|unknown strategy 'nope' (known: btc-bin-1h, btc-bin-1h-macd, eth-cb-15m, sol-kr-1d)",
            "report --sort best|unknown --sort 'best' (expected pnl, win-rate, drawdown)",
            "report --strategy btc-bin-1h --sort pnl|--sort orders the table of all strategies; it does not go with --strategy",
    })
    void shouldRefuseBadInputNamingTheValue(String args, String message) throws IOException {
        plant();
        long trades = cli.count("SELECT COUNT(*) FROM strategy_trades");
        long jobs = cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION");

        CliRun.Result r = cli.run(args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
        assertThat(r.out()).isEmpty();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isEqualTo(trades);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(jobs);
    }

    @Test
    void shouldSayNoStrategyIsDeclaredWhenOneIsAskedFor() {
        CliRun.Result r = cli.run("report", "--strategy", "btc-bin-1h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: unknown strategy 'btc-bin-1h' (none declared yet)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldRefuseAnEmptyRunId() {
        CliRun.Result r = cli.run("report", "--run", "");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --run needs a run id, e.g. live\n");
        assertThat(r.out()).isEmpty();
    }

    private void strategy(String id, String type, String exchange, String symbol, String timeframe) {
        cli.update("""
                INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, type, exchange, symbol, timeframe, T0, T0);
    }

    private void trade(String strategy, String run, String side, int hour, String price, String quantity, String fee,
                       String pnl, String pnlPercent) {
        String symbol = cli.query("SELECT symbol FROM strategies WHERE strategy_id = ?", strategy).getFirst()
                .get("symbol").toString();
        cli.update("""
                INSERT INTO strategy_trades (strategy_id, run_id, symbol, side, price, quantity, fee, candle_time,
                                             executed_at, pnl, pnl_percent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                strategy, run, symbol, side, price, quantity, fee, T0 + hour * H, T0 + (hour + 1) * H, pnl, pnlPercent);
    }
}
