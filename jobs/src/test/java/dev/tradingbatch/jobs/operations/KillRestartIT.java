package dev.tradingbatch.jobs.operations;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.ChildJvm;
import dev.tradingbatch.jobs.support.FakeBinance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill in a real child JVM killed with SIGKILL at several points, then the same command again:
 * the final table is identical to an uninterrupted run, each kill re-asks at most the page being stored and
 * the one fetched ahead of it, and no execution stays STARTED. Also {@code jobs stop} from another process.
 */
class KillRestartIT {

    static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long H = Timeframe.H1.millis();
    static final int CANDLES = 12_000;
    static final String[] BACKFILL = {"backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
            "--from", "2024-01-01", "--to", Instant.ofEpochMilli(T0 + CANDLES * H).toString()};

    static final int WITHHELD_FROM = 5000;
    static final int WITHHELD_TO = 5003;

    final FakeBinance exchange = new FakeBinance(T0, H).serve(0, CANDLES).withhold(WITHHELD_FROM, WITHHELD_TO);

    @TempDir
    Path dir;
    @RegisterExtension
    WireMockExtension binance = exchange.server();

    @Test
    void shouldEndIdenticalToAnUninterruptedRunAfterKillsAtSeveralPoints() throws Exception {
        binance.stubFor(FakeBinance.stub());
        CliRun reference = cli(dir.resolve("reference"));
        assertThat(reference.run(BACKFILL).exitCode()).isZero();
        binance.resetRequests();

        exchange.delay(120);
        Path killed = dir.resolve("killed");
        for (int pagesBeforeKill : new int[] {2, 5, 9}) {
            Process child = ChildJvm.start(killed.resolve("child.log"), properties(killed), BACKFILL);
            awaitRequests(pagesBeforeKill, child);
            Thread.sleep(40 * pagesBeforeKill % 100);   // somewhere inside a page or a chunk
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        exchange.delay(0);
        CliRun.Result last = cli(killed).run(BACKFILL);

        assertThat(last.exitCode()).as(last.out() + last.err() + log(killed)).isZero();
        assertThat(last.out()).contains("was left STARTED: process ").contains(" is gone: marked FAILED")
                .contains("(COMPLETED");
        String table = "SELECT timestamp, open, high, low, close, volume FROM ohlcv_data ORDER BY timestamp";
        assertThat(cli(killed).query(table)).hasSize(CANDLES - 3).isEqualTo(reference.query(table));
        assertThat(cli(killed).count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED', 'STOPPING')"))
                .isZero();
        assertThat(cli(killed).count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
        // 12 pages of 1000. While a page is stored the next one is fetched, so a kill re-asks at most those two
        // pages: the candles from the last commit on. Counted per candle, since a run restarted from a commit
        // inside a page asks from there. The symbol check (no startTime) asks for no range.
        Map<Long, Integer> asks = new TreeMap<>();
        for (LoggedRequest r : binance.findAll(getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)))) {
            if (r.queryParameter("startTime").isPresent()) {
                long start = Long.parseLong(r.queryParameter("startTime").firstValue());
                long end = Long.parseLong(r.queryParameter("endTime").firstValue());
                int limit = Integer.parseInt(r.queryParameter("limit").firstValue());
                // the rows the fake answered: at most limit of the candles it has (three are withheld)
                int rows = 0;
                for (long t = start; t <= end && t < T0 + CANDLES * H && rows < limit; t += H) {
                    if (t < T0 + WITHHELD_FROM * H || t >= T0 + WITHHELD_TO * H) {
                        asks.merge(t, 1, Integer::sum);
                        rows++;
                    }
                }
            }
        }
        assertThat(asks.size()).isEqualTo(CANDLES - (WITHHELD_TO - WITHHELD_FROM));
        assertThat(asks.values().stream().filter(n -> n > 2).count()).as("candles asked more than twice").isZero();
        assertThat(asks.values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(CANDLES + 3 * 2 * 1000);
    }

    @Test
    void shouldStopARunInAnotherProcessAtAChunkBoundaryAndRestartIt() throws Exception {
        binance.stubFor(FakeBinance.stub());
        exchange.delay(800);
        Path db = dir.resolve("stopped");
        Process child = ChildJvm.start(db.resolve("child.log"), properties(db), BACKFILL);
        awaitRequests(3, child);
        // slower pages from here: the stop must come while pages remain, however long this JVM takes to start it
        exchange.delay(4000);

        CliRun cli = cli(db);
        CliRun.Result stop = cli.run("jobs", "stop", "1");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(log(db)).isEqualTo(1);
        assertThat(log(db)).contains("(STOPPED, execution 1)");
        long stored = cli.count("SELECT COUNT(*) FROM ohlcv_data");
        assertThat(stored).isBetween(1L, (long) CANDLES - 4);

        exchange.delay(0);
        CliRun.Result restart = cli.run("jobs", "restart", "1");
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("restarted execution 1 of backfillCandlesJob as execution 2: COMPLETED");
        assertThat(cli.count("SELECT COUNT(*) FROM ohlcv_data")).isEqualTo(CANDLES - 3);
    }

    private CliRun cli(Path folder) {
        CliRun cli = new CliRun(folder);
        properties(folder).forEach(cli::with);
        return cli;
    }

    private Map<String, String> properties(Path folder) {
        return Map.of("spring.datasource.url", TestDatabases.url(folder.resolve("data").resolve("trading.db")),
                "trading.exchanges.binance.base-url", binance.baseUrl(),
                "trading.backfill.chunk-size", "250",
                "trading.backfill.progress", "never");
    }

    /**
     * Waits for the child's next {@code n} klines requests. Up to 240 s: a JVM starting Spring on a 2-core machine
     * that four builds keep busy (load 14) took over 60 s to ask its first page.
     */
    private void awaitRequests(int n, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        int base = -1;
        while (System.nanoTime() < deadline) {
            List<LoggedRequest> requests = binance.findAll(getRequestedFor(urlPathEqualTo(FakeBinance.KLINES)));
            if (base < 0) {
                base = requests.size();
            }
            if (requests.size() - base >= n) {
                return;
            }
            assertThat(child.isAlive()).as("the child ended before %d requests", n).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("the child made fewer than " + n + " requests in 240 s");
    }

    private static String log(Path folder) throws java.io.IOException {
        Path log = folder.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
