package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What services' traders did, checked against a replay of the same candles (1-minute strategies). */
final class LiveTrades {

    private LiveTrades() {
    }

    /**
     * For each strategy (id to its symbol): its live trades are on its own market only, and are exactly what
     * a replay from its first to its last evaluated candle gives. Whether a strategy trades on the few
     * candles of a short run depends on where in the fake's price path the run falls, so only the sum must
     * be positive: some trader traded. {@code cli} carries the services' configuration.
     */
    static void assertEqualReplays(CliRun cli, Map<String, String> symbols) {
        assertThat(cli.query("SELECT DISTINCT strategy_id FROM strategy_trades")).extracting(r -> r.get("strategy_id"))
                .isSubsetOf(symbols.keySet());
        assertThat(cli.count("SELECT COUNT(*) FROM (SELECT 1 FROM strategy_trades GROUP BY strategy_id, run_id, "
                + "candle_time, side HAVING COUNT(*) > 1) d")).as("trades stored twice").isZero();
        String trades = "SELECT side, symbol, price, quantity, fee, candle_time, pnl, pnl_percent FROM strategy_trades "
                + "WHERE strategy_id = ? AND run_id = ? AND candle_time BETWEEN ? AND ? ORDER BY candle_time, side";
        int traded = 0;
        for (var s : symbols.entrySet()) {
            String id = s.getKey();
            assertThat(cli.query("SELECT DISTINCT symbol FROM strategy_trades WHERE strategy_id = ?", id))
                    .extracting(r -> r.get("symbol")).isSubsetOf(s.getValue());
            long first = evaluationParameter(cli, id, "MIN", "first");
            long through = evaluationParameter(cli, id, "MAX", "through");
            CliRun.Result replay = cli.run("replay", "--strategy", id, "--from", String.valueOf(first),
                    "--to", String.valueOf(through + Timeframe.M1.millis()));
            assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
            Matcher run = Pattern.compile("run (replay-\\d+)").matcher(replay.out());
            assertThat(run.find()).as(replay.out()).isTrue();

            List<Map<String, Object>> live = cli.query(trades, id, RunIds.LIVE, first, through);
            assertThat(live).as("%s: live trades are the replay's", id)
                    .isEqualTo(cli.query(trades, id, run.group(1), first, through));
            assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = ? AND run_id = ?", id,
                    RunIds.LIVE))
                    .as("%s: no live trade outside what it evaluated", id).isEqualTo(live.size());
            traded += live.size();
        }
        assertThat(traded).as("live trades of all traders").isPositive();
    }

    /** MIN or MAX of a parameter of the strategy's completed evaluations. */
    private static long evaluationParameter(CliRun cli, String strategy, String aggregate, String name) {
        return cli.count("SELECT " + aggregate + "(CAST(p.PARAMETER_VALUE AS BIGINT)) FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_EXECUTION_PARAMS s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
                + "AND s.PARAMETER_NAME = 'strategy' AND s.PARAMETER_VALUE = ? "
                + "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ? "
                + "WHERE e.STATUS = 'COMPLETED'", strategy, name);
    }
}
