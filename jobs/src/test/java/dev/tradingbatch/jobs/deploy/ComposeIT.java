package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.jobs.JobNames;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.db.TestDatabases;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yaml} without Docker: every service's command and environment start a local
 * JVM as its container would (see {@link LocalServices}), all at the same moment on one new database
 * folder (the named volume), reading the repository's {@code config/} as the containers mount it.
 * <p>
 * What the test changes, with -D properties over that configuration: every exchange is a local fake
 * Binance on the real clock ({@link ClockedBinance}), so each market of {@code trading.markets} and
 * each strategy of {@code trading.strategies} is moved to Binance, same symbol, 1-minute candles, 90
 * minutes of history; each strategy keeps its type but gets short periods ({@link #FAST}) so that it
 * trades within a few candles; the backfill fires 2 s after a close instead of 10 s.
 * <p>
 * The services run through the fires at their start and {@code compose.cycles} scheduled cycles
 * (1 by default; {@code -Dcompose.cycles=3} for a longer run), then every healthcheck runs (a GET of the
 * service's {@code /actuator/health}), and SIGTERM stops them all.
 * <p>
 * On PostgreSQL ({@code -Ppostgresql}) the deployment is {@code compose.yaml} with
 * {@code compose.postgres.yaml} merged in, the test's own schema standing in for its {@code postgres} service.
 */
class ComposeIT {

    static final long MINUTE = Timeframe.M1.millis();
    static final int CYCLES = Integer.getInteger("compose.cycles", 1);
    /** Where compose.postgres.yaml points the services: its postgres service, in the compose network. */
    static final String POSTGRES_URL = "jdbc:postgresql://postgres:5432/trading";

    /** Per strategy type, parameters short enough to trade on the fake's zigzag within a few candles. */
    static final Map<String, Map<String, String>> FAST = Map.of(
            "rsi", Map.of("period", "2", "oversold", "40", "overbought", "60"),
            "macd", Map.of("fast", "2", "slow", "3", "signal", "2"),
            "scalping", Map.of("fast", "2", "slow", "3"),
            "trend", Map.of("fast", "2", "slow", "3", "adx-period", "2", "adx-threshold", "0"));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)   // the services' logs stay for a failure
    Path dir;
    @RegisterExtension
    WireMockExtension binance = WireMockExtension.newInstance()
            .options(options().dynamicPort().extensions(new ClockedBinance())).build();

    @Test
    void shouldRunEveryServiceAsAProcessOnOneNewDatabaseThroughScheduledCycles() throws Exception {
        binance.stubFor(ClockedBinance.stub());
        binance.stubFor(ClockedBinance.rulesStub());
        CliRun cli = new CliRun(dir);
        Map<String, String> test = testProperties();
        ComposeFile compose;
        LocalServices local;
        if (!TestDatabases.postgresql()) {
            compose = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"));
            local = new LocalServices(compose, Map.of("trading-data", cli.database().getParent()), test);
        } else {
            // the PostgreSQL variant; the local server stands in for its postgres service (trust authentication)
            compose = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"),
                    ExampleConfig.REPO.resolve("docker/compose.postgres.yaml"));
            assertThat(compose.services().get("backfiller").environment())
                    .containsEntry("SPRING_DATASOURCE_URL", POSTGRES_URL);
            local = new LocalServices(compose, Map.of("trading-data", cli.database().getParent()), test)
                    .withStandIn("postgres", Map.of("SPRING_DATASOURCE_URL", cli.url(),
                            "SPRING_DATASOURCE_USERNAME", "", "SPRING_DATASOURCE_PASSWORD", ""));
        }
        List<ComposeFile.Service> services = local.services();
        assertThat(local.properties(compose.services().get("backfiller")))
                .containsEntry("spring.datasource.url", cli.url());

        // docker compose up: every container at once, on a volume with no database yet
        Map<String, Process> running = new LinkedHashMap<>();
        Map<String, Path> logs = new LinkedHashMap<>();
        for (ComposeFile.Service s : services) {
            logs.put(s.name(), dir.resolve("logs").resolve(s.name() + ".log"));
            running.put(s.name(), local.start(s, logs.get(s.name())));
        }
        long target;
        try {
            long ready = awaitAll(running, logs);
            // the newest candle a scheduled fire (not the fire at start) must have handled
            target = Timeframe.M1.floor(ready) + (CYCLES - 1) * MINUTE;
            awaitCycle(cli, running, logs, target);

            for (ComposeFile.Service s : services) {
                // the compose healthcheck: the service's own /actuator/health, its schedule on time; the dashboard's
                // overview, every strategy on it
                Map.Entry<Integer, String> health = local.health(s);
                assertThat(health.getKey()).as("health of %s: %s", s.name(), health.getValue()).isEqualTo(200);
                if (s.name().equals(ComposeFileTest.DASHBOARD)) {
                    ExampleConfig.<Map<String, Object>>trading("strategies").keySet().forEach(id ->
                            assertThat(health.getValue()).contains("data-strategy=\"" + id + "\""));
                } else {
                    assertThat(health.getValue()).as(s.name()).contains("\"schedule\":{\"status\":\"UP\"}")
                            .endsWith("\"status\":\"UP\"}");
                }
            }

            // docker compose stop
            running.values().forEach(Process::destroy);
            for (var e : running.entrySet()) {
                assertThat(e.getValue().waitFor(45, TimeUnit.SECONDS)).as("%s stopped", e.getKey()).isTrue();
                assertThat(e.getValue().exitValue()).as("exit code of %s:\n%s", e.getKey(),
                        Files.readString(logs.get(e.getKey()))).isZero();
            }
        } finally {
            running.values().forEach(Process::destroyForcibly);
        }

        assertThat(cli.query("SELECT STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE STATUS NOT IN ('COMPLETED', 'STOPPED')"))
                .as("no job failed").isEmpty();
        assertCandlesStoredOnce(cli, test, target);
        test.forEach(cli::with);
        cli.with("spring.config.additional-location", "file:" + ExampleConfig.REPO.resolve("config") + "/");
        Map<String, String> symbols = new TreeMap<>();
        ExampleConfig.<Map<String, Map<String, Object>>>trading("strategies")
                .forEach((id, s) -> symbols.put(id, (String) s.get("symbol")));
        LiveTrades.assertEqualReplays(cli, symbols);
        assertEachProcessDidItsOwnWork(services, logs);
    }

    /** The test's configuration over the repository's (see the class comment). */
    private Map<String, String> testProperties() throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("trading.exchanges.binance.base-url", binance.baseUrl());
        p.put("trading.schedule.delay", "2s");
        p.put("trading.schedule.poll-interval", "500ms");
        p.put("trading.backfill.progress", "never");
        Set<String> symbols = new LinkedHashSet<>();
        List<Map<String, Object>> markets = ExampleConfig.trading("markets");
        markets.forEach(m -> symbols.add((String) m.get("symbol")));
        int i = 0;
        for (String symbol : symbols) {
            p.put("trading.markets[" + i + "].exchange", "binance");
            p.put("trading.markets[" + i + "].symbol", symbol);
            p.put("trading.markets[" + i + "].timeframes[0]", "1m");
            p.put("trading.markets[" + i + "].history", "90m");
            i++;
        }
        Map<String, Map<String, Object>> strategies = ExampleConfig.trading("strategies");
        strategies.forEach((id, s) -> {
            String key = "trading.strategies." + id + ".";
            p.put(key + "exchange", "binance");
            p.put(key + "timeframe", "1m");
            Map<String, String> params = FAST.get((String) s.get("type"));
            assertThat(params).as("short parameters for the type of " + id).isNotNull();
            params.forEach((name, value) -> p.put(key + "params." + name, value));
        });
        return p;
    }

    /** Waits until every service says it is running; gives the moment the last one did. */
    private static long awaitAll(Map<String, Process> running, Map<String, Path> logs) throws Exception {
        // six JVMs start at once, each with its management server or the dashboard's: over three minutes on a 2-core
        // machine loaded with other tests (seen: 192 s with five); the wait ends as soon as all have started
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        Set<String> waiting = new LinkedHashSet<>(running.keySet());
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                String name = it.next();
                String log = read(logs.get(name));
                assertThat(running.get(name).isAlive()).as("%s is running:\n%s", name, log).isTrue();
                if (log.contains("running as ") || log.contains("dashboard on http://")) {
                    it.remove();
                }
            }
            assertThat(System.nanoTime()).as("services started: still waiting for %s", waiting).isLessThan(deadline);
            Thread.sleep(100);
        }
        return System.currentTimeMillis();
    }

    /** Waits until every series has the candle of {@code target} and every strategy evaluated it, and nothing runs. */
    private void awaitCycle(CliRun cli, Map<String, Process> running, Map<String, Path> logs, long target)
            throws Exception {
        long deadline = target + 2 * MINUTE + 90_000;
        List<Map<String, Object>> markets = ExampleConfig.trading("markets");
        long series = markets.stream().map(m -> m.get("symbol")).distinct().count();
        int strategies = ExampleConfig.<Map<String, Object>>trading("strategies").size();
        while (true) {
            for (var e : running.entrySet()) {
                String log = read(logs.get(e.getKey()));
                assertThat(e.getValue().isAlive()).as("%s is running:\n%s", e.getKey(), log).isTrue();
                assertThat(log).as("%s logged an error", e.getKey()).doesNotContain(" ERROR ");
            }
            assertThat(cli.query("SELECT JOB_EXECUTION_ID, STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION "
                    + "WHERE STATUS NOT IN ('COMPLETED', 'STARTING', 'STARTED')")).as("no job failed").isEmpty();
            long stored = Cycles.seriesStoredThrough(cli, target);
            long evaluated = Cycles.strategiesEvaluatedThrough(cli, target);
            long busy = cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED'");
            if (stored == series && evaluated == strategies && busy == 0) {
                return;
            }
            assertThat(System.currentTimeMillis())
                    .as("the cycle of the candle of %s: %d of %d series stored, %d of %d strategies evaluated, %d jobs running",
                            Instant.ofEpochMilli(target), stored, series, evaluated, strategies, busy)
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Each series: every minute from its first candle to its last, once, with the exchange's exact values. */
    private void assertCandlesStoredOnce(CliRun cli, Map<String, String> test, long target) {
        assertThat(cli.query("SELECT exchange, symbol, timeframe, timestamp FROM ohlcv_data "
                + "GROUP BY exchange, symbol, timeframe, timestamp HAVING COUNT(*) > 1")).isEmpty();
        List<String> symbols = test.entrySet().stream().filter(e -> e.getKey().matches("trading\\.markets\\[\\d+]\\.symbol"))
                .map(Map.Entry::getValue).toList();
        assertThat(cli.query("SELECT DISTINCT exchange || ' ' || symbol || ' ' || timeframe AS series FROM ohlcv_data"))
                .extracting(r -> r.get("series"))
                .containsExactlyInAnyOrderElementsOf(symbols.stream().map(s -> "binance " + s + " 1m").toList());
        for (String symbol : symbols) {
            List<Candle> stored = cli.candles(new MarketKey("binance", symbol, Timeframe.M1));
            assertThat(stored.size()).as("%s: 90 minutes of history and the cycles since", symbol)
                    .isGreaterThanOrEqualTo(89 + CYCLES);
            assertThat(stored.getLast().openTime()).as(symbol).isGreaterThanOrEqualTo(target);
            long first = stored.getFirst().openTime();
            for (int i = 0; i < stored.size(); i++) {
                Candle expected = ClockedBinance.candle(symbol.replace("/", ""), first + i * MINUTE);
                assertThat(text(stored.get(i))).as("%s candle %d", symbol, i).isEqualTo(text(expected));
            }
        }
    }

    private static String text(Candle c) {
        return c.openTime() + " " + plain(c.open()) + " " + plain(c.high()) + " " + plain(c.low()) + " "
                + plain(c.close()) + " " + plain(c.volume());
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /**
     * The backfiller only backfilled, each trader only evaluated its own strategy, the dashboard ran nothing; nobody
     * logged an error.
     */
    private static void assertEachProcessDidItsOwnWork(List<ComposeFile.Service> services, Map<String, Path> logs)
            throws IOException {
        for (ComposeFile.Service s : services) {
            List<String> lines = Files.readAllLines(logs.get(s.name()));
            assertThat(lines).as(s.name()).noneMatch(l -> l.contains(" ERROR ") || l.contains("locked")
                    || l.contains("SQLITE_BUSY") || l.contains("Exception"));
            assertThat(lines).as(s.name()).filteredOn(l -> l.contains(" WARN ")).allMatch(l -> l.contains("c.z.h."));
            String strategy = s.option("--strategy");
            if (s.name().equals(ComposeFileTest.DASHBOARD)) {
                assertThat(lines).as("the dashboard runs no job").noneMatch(l -> l.contains("Job "));
            } else if (strategy == null) {
                assertThat(lines).as(s.name()).anyMatch(l -> l.contains("backfillCandlesJob binance"))
                        .noneMatch(l -> l.contains(JobNames.EVALUATE_STRATEGY_JOB));
            } else {
                assertThat(lines).as(s.name()).noneMatch(l -> l.contains(JobNames.BACKFILL_CANDLES_JOB))
                        .filteredOn(l -> l.contains(JobNames.EVALUATE_STRATEGY_JOB)).isNotEmpty()
                        .allMatch(l -> l.contains("evaluateStrategyJob " + strategy + " through"));
            }
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
