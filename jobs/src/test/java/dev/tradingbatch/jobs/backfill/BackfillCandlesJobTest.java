package dev.tradingbatch.jobs.backfill;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.JobNames;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.jobs.support.JobTests;
import dev.tradingbatch.jobs.support.JobTests.Counts;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.writers.candles.CandleItemWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backfillCandlesJob} launched on its own with real parameters: its one chunked step reads Binance's pages,
 * commits a transaction per chunk of candles, and a run that failed continues after its last commit.
 */
class BackfillCandlesJobTest {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final MarketKey BTC = new MarketKey("binance", "BTC/USDT", Timeframe.H1);

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 2500);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    CliRun cli;
    JobParameters parameters = BackfillParameters.of(
            new BackfillRequest("binance", "binance", "BTC/USDT", Timeframe.H1, T0, T0 + 2500 * H, null),
            T0, true, T0 + 2500 * H);

    @BeforeEach
    void start() {
        binance.stubFor(FakeBinance.stub());
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl())
                .with("trading.backfill.chunk-size", 1000)
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + 2500 * H + 60_000), ZoneOffset.UTC));
    }

    @Test
    void shouldStoreEveryCandleInOneCommitPerChunk() throws Exception {
        JobExecution execution;
        try (ConfigurableApplicationContext app = cli.start()) {
            execution = JobTests.launcher(app, JobNames.BACKFILL_CANDLES_JOB).startJob(parameters);
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(JobTests.stepNames(execution)).containsExactly(JobNames.FETCH_MARKET_RULES_STEP,
                JobNames.BACKFILL_CANDLES_STEP, JobNames.SETTLE_NO_TRADE_INTERVALS_STEP);
        assertThat(Counts.of(JobTests.step(execution, JobNames.SETTLE_NO_TRADE_INTERVALS_STEP)))
                .as("binance answers a quiet hour with a candle: nothing to settle")
                .isEqualTo(new Counts(0, 0, 0, 0, 1, 0));
        StepExecution step = JobTests.step(execution, JobNames.BACKFILL_CANDLES_STEP);
        // 1000 + 1000 + 500 candles, one commit each; the third chunk ends with the reader's end
        assertThat(Counts.of(step)).isEqualTo(new Counts(2500, 2500, 0, 0, 3, 0));
        assertThat(step.getExitStatus().getExitDescription())
                .isEqualTo("3 pages fetched, 2500 stored, 0 already present, 0 rejected");
        assertThat(step.getExecutionContext().getLong(CandleItemWriter.STORED)).isEqualTo(2500);
        List<Candle> stored = cli.candles(BTC);
        assertThat(stored).hasSize(2500).extracting(Candle::openTime).startsWith(T0, T0 + H).endsWith(T0 + 2499 * H);
        assertThat(stored.get(1234).open()).isEqualByComparingTo(FakeBinance.open(1234));
    }

    @Test
    void shouldRollBackTheFailedChunkAndContinueAfterTheLastCommitWhenRestarted() throws Exception {
        // the second page fails every attempt (waits are recorded, not slept)
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1)
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H)))
                .willReturn(aResponse().withStatus(503)));
        JobExecution failed;
        JobExecution restarted;
        try (ConfigurableApplicationContext app = cli.start()) {
            JobOperatorTestUtils launcher = JobTests.launcher(app, JobNames.BACKFILL_CANDLES_JOB);
            failed = launcher.startJob(parameters);
            assertThat(cli.candles(BTC)).hasSize(1000);

            binance.resetMappings();
            binance.stubFor(FakeBinance.stub());
            restarted = launcher.startJob(parameters);
        }

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
        assertThat(failed.getExitStatus().getExitDescription()).contains("HTTP 503");
        assertThat(Counts.of(JobTests.step(failed, JobNames.BACKFILL_CANDLES_STEP)))
                .as("the first chunk committed, the second rolled back").isEqualTo(new Counts(1000, 1000, 0, 0, 1, 1));

        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution step = JobTests.step(restarted, JobNames.BACKFILL_CANDLES_STEP);
        assertThat(Counts.of(step)).isEqualTo(new Counts(1500, 1500, 0, 0, 2, 0));
        assertThat(step.getExitStatus().getExitDescription()).endsWith("2500 stored, 0 already present, 0 rejected");
        assertThat(cli.candles(BTC)).hasSize(2500).extracting(Candle::openTime).doesNotHaveDuplicates();
    }
}
