package dev.tradingbatch.jobs.schedule;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.ChildJvm;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM to a running service in the middle of a backfill: exit 0 within the grace period, the job restartable. */
class ShutdownIT {

    static final long H = Timeframe.H1.millis();
    static final long T0 = Timeframe.H1.floor(System.currentTimeMillis()) - 5000 * H;

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 5000).delay(400);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    @Test
    void shouldStopAtAChunkBoundaryAndExitZeroOnSigterm() throws Exception {
        binance.stubFor(FakeBinance.stub());
        CliRun cli = new CliRun(dir);
        Map<String, String> properties = Map.of(
                "spring.datasource.url", cli.url(),
                "trading.exchanges.binance.base-url", binance.baseUrl(),
                "trading.backfill.chunk-size", "200",
                "trading.backfill.progress", "never",
                "trading.markets[0].exchange", "binance",
                "trading.markets[0].symbol", "BTC/USDT",
                "trading.markets[0].timeframes[0]", "1h",
                "trading.markets[0].history", "5001h",
                "trading.schedule.shutdown-grace", "20s");
        Path log = dir.resolve("service.log");
        Process service = ChildJvm.start(log, properties, "run", "--role", "backfiller");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (binance.findAll(getRequestedFor(urlPathEqualTo(FakeBinance.KLINES))).size() < 3) {
            assertThat(service.isAlive()).as(Files.exists(log) ? Files.readString(log) : "").isTrue();
            assertThat(System.nanoTime()).as("the service asked for pages").isLessThan(deadline);
            Thread.sleep(20);
        }

        long signalled = System.nanoTime();
        service.destroy();   // SIGTERM
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();

        assertThat(service.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(25));
        assertThat(cli.query("SELECT STATUS FROM BATCH_JOB_EXECUTION")).extracting(r -> r.get("STATUS"))
                .containsExactly("STOPPED");
        assertThat(cli.count("SELECT COUNT(*) FROM job_heartbeats")).isZero();
        long stored = cli.count("SELECT COUNT(*) FROM ohlcv_data");
        assertThat(stored).isBetween(1L, 4999L);
        assertThat(Files.readString(log)).contains("asked execution 1 to stop at its next chunk boundary");

        exchange.delay(0);
        properties.forEach(cli::with);
        CliRun.Result restart = cli.run("jobs", "restart", "1");
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isEqualTo(5000);
    }
}
