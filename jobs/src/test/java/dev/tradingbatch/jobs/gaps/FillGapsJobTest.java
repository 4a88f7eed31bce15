package dev.tradingbatch.jobs.gaps;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.jobs.support.JobTests;
import dev.tradingbatch.jobs.support.JobTests.Counts;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fillGapsJob} launched on its own with real parameters, on a series Binance left two holes in: the first
 * step stores what the missing ranges bring back in chunks, the second records what each range answered.
 */
class FillGapsJobTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);
    static final Instant NOW = Instant.ofEpochMilli(T0 + 300 * H + 30 * 60_000);

    /** Hours 0..299 exist, except two maintenance windows: hours 100-103 and 200-209. */
    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 300).withhold(100, 104).withhold(200, 210);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;

    @BeforeEach
    void backfillWithHoles() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        CliRun.Result r = cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01");
        assertThat(r.out()).contains("286 stored");
    }

    @Test
    void shouldStoreWhatTheMissingRangesBringBackAndRecordEachAsk() throws Exception {
        exchange.serve(100, 104).serve(205, 207);   // the exchange now has the first window and part of the second
        cli.with("trading.backfill.chunk-size", 4);

        JobExecution execution;
        try (ConfigurableApplicationContext app = cli.start()) {
            execution = JobTests.launcher(app, JobNames.FILL_GAPS_JOB)
                    .startJob(FillGapsParameters.of(BTC, null, null, NOW.toEpochMilli()));
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(JobTests.stepNames(execution))
                .containsExactly(JobNames.FILL_GAPS_STEP, JobNames.RECORD_GAP_ASKS_STEP);
        StepExecution fill = JobTests.step(execution, JobNames.FILL_GAPS_STEP);
        // 4 + 2 candles in chunks of 4: the second chunk ends with the reader's end
        assertThat(Counts.of(fill)).isEqualTo(new Counts(6, 6, 0, 0, 2, 0));
        assertThat(fill.getExitStatus().getExitDescription())
                .isEqualTo("2 ranges asked, 2 pages fetched, 6 stored, 0 already present, 0 rejected");
        StepExecution record = JobTests.step(execution, JobNames.RECORD_GAP_ASKS_STEP);
        assertThat(Counts.of(record)).isEqualTo(new Counts(0, 0, 0, 0, 1, 0));
        assertThat(record.getExitStatus().getExitDescription())
                .isEqualTo("2 ranges asked: 1 filled, 1 partly filled, 0 still empty (0 now confirmed empty)");

        assertThat(cli.candles(BTC)).hasSize(292).extracting(Candle::openTime)
                .contains(T0 + 100 * H, T0 + 103 * H, T0 + 205 * H, T0 + 206 * H);
        assertThat(cli.query("SELECT range_start, range_end, asks, last_found, confirmed_empty FROM gap_asks "
                + "ORDER BY range_start")).containsExactly(
                Map.of("range_start", T0 + 200 * H, "range_end", T0 + 205 * H, "asks", 1, "last_found", 0,
                        "confirmed_empty", 0),
                Map.of("range_start", T0 + 207 * H, "range_end", T0 + 210 * H, "asks", 1, "last_found", 0,
                        "confirmed_empty", 0));
    }
}
