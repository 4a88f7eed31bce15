package dev.tradingbatch.jobs.demo;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's main command, offline on the bundled samples, into its own database. */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void shouldRunThePipelineOnTheSamplesAndWriteAReportPerStrategy() {
        Path database = dir.resolve("demo").resolve("data").resolve("trading.db");
        Path reports = dir.resolve("reports");
        CliRun cli = new CliRun(dir);

        CliRun.Result r = cli.run("demo", "--database", database.toString(), "--samples", Path.of("..", "samples").toString(),
                "--reports", reports.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("bitstamp BTC/USD 5m: 0 pages fetched, 1917 stored, 0 already present, 0 rejected (COMPLETED")
                .contains("binanceus ETH/USD 5m: 0 pages fetched, 580 stored, 0 already present, 0 rejected (COMPLETED")
                .containsPattern("demo-rsi +bitstamp BTC/USD 5m +\\d+ +17 +-?\\d+\\.\\d\\d% +\\d+\\.\\d\\d% +19\\.98% ")
                .containsPattern("demo-scalping +binanceus ETH/USD 5m +\\d+ +\\d+ ");
        for (String id : new String[] {"demo-rsi", "demo-macd", "demo-scalping", "demo-trend"}) {
            assertThat(reports.resolve(id + ".html")).as(id).isRegularFile()
                    .content().contains("<h1>" + id + "</h1>");
        }
        // the demo's own SQLite file, whatever database the configuration names
        JdbcTemplate demoDb = new JdbcTemplate(new SingleConnectionDataSource("jdbc:sqlite:" + database, true));
        assertThat(demoDb.queryForObject("SELECT COUNT(DISTINCT strategy_id) FROM strategy_trades WHERE run_id = ?",
                Integer.class, RunIds.LIVE)).isEqualTo(4);
        assertThat(demoDb.queryForObject("SELECT COUNT(DISTINCT run_id) FROM strategy_trades WHERE run_id LIKE 'replay-%'",
                Integer.class)).isEqualTo(4);
        assertThat(cli.migrated()).as("the configured database is not touched").isFalse();
    }
}
