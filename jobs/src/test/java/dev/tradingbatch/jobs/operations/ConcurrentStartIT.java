package dev.tradingbatch.jobs.operations;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillResult;
import dev.tradingbatch.jobs.backfill.BackfillService;
import dev.tradingbatch.jobs.backfill.BackfillSummary;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.cli.Launcher;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.jobs.support.RecordingSleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two applications (two instances of a service, or a service and a command) start the same backfill
 * at the same moment on one database: it runs once, the other start says it was done or is running,
 * and neither fails. On PostgreSQL the two SERIALIZABLE creations of the job execution collide and
 * one is retried ({@link JobLaunches}); on SQLite they queue for the write lock.
 */
class ConcurrentStartIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final int ROUNDS = 6;

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, 10 * ROUNDS);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    @Test
    void shouldRunABackfillStartedByTwoApplicationsAtOnceExactlyOnce() throws Exception {
        binance.stubFor(FakeBinance.stub());
        CliRun cli = new CliRun(dir);
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (String name : List.of("a", "b")) {
                Map<String, Object> p = new HashMap<>();
                p.put("spring.datasource.url", cli.url());
                p.put("spring.quartz.scheduler-name", "concurrent-start-" + name);
                p.put("trading.exchanges.binance.base-url", binance.baseUrl());
                p.put("trading.backfill.progress", "never");
                apps.add(new Launcher(p, Map.of("testSleeper", new RecordingSleeper())).start());
            }
            for (int round = 0; round < ROUNDS; round++) {
                BackfillRequest request = BackfillRequest.parse("binance", "BTC/USDT", "1h",
                        String.valueOf(T0 + round * 10 * H), String.valueOf(T0 + (round + 1) * 10 * H), null, null);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<BackfillResult>> said = new ArrayList<>();
                for (ConfigurableApplicationContext app : apps) {
                    BackfillService backfill = app.getBean(BackfillService.class);
                    said.add(threads.submit(() -> {
                        together.await();
                        return backfill.run(request);
                    }));
                }
                List<BackfillResult> answers = new ArrayList<>();
                for (Future<BackfillResult> f : said) {
                    answers.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(answers).as("round %d", round).filteredOn(ConcurrentStartIT::completed).hasSize(1);
                assertThat(answers).as("round %d", round).allMatch(a -> completed(a)
                        || a instanceof BackfillResult.AlreadyCompleted && a.succeeded()
                        || a instanceof BackfillResult.AlreadyRunning r && !r.succeeded()
                        && r.target().market().toString().equals("binance BTC/USDT 1h"));
            }
        } finally {
            threads.shutdownNow();
            apps.forEach(ConfigurableApplicationContext::close);
        }
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(ROUNDS);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'")).isEqualTo(ROUNDS);
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(ROUNDS);
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isEqualTo(10 * ROUNDS);
    }

    /** The run that did the work: it completed and stored the round's candles. */
    private static boolean completed(BackfillResult result) {
        return result instanceof BackfillResult.Ran ran && ran.run().completed()
                && ran.counts().map(BackfillSummary::stored).orElse(0L) == 10;
    }
}
