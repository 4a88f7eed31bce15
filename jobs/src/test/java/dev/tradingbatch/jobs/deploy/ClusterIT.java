package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.jobs.JobNames;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.schedule.Role;
import dev.tradingbatch.jobs.schedule.ServiceRunner;
import dev.tradingbatch.jobs.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one service ({@code run --role all}, two JVMs) on one PostgreSQL schema share their
 * Quartz schedule (clustered JDBC job store): each scheduled fire runs on one of them, and when one
 * dies in the middle of a job the other recovers that fire and keeps firing.
 * <p>
 * Against a fake Binance on the real clock with 1-minute candles ({@link ClockedBinance}), two series
 * (BTC/USDT, ETH/USDT), a strategy on each chained after its backfill, the backfill 2 s after each
 * close. Both instances run their fires at start and {@code cluster.cycles} scheduled cycles (1 by
 * default); in the next cycle the exchange answers slowly, and the instance running a backfill is
 * killed (SIGKILL) in the middle of it; the survivor must recover that fire and handle the cycle
 * after it alone. Then: each candle stored once, no gap; every Batch job instance completed exactly
 * once (the killed run marked FAILED and restarted, nothing else failed); each run in the log of
 * exactly one instance; the trades exactly what a replay gives. About 2-3 minutes of real time.
 */
@EnabledIfSystemProperty(named = "test.database", matches = "postgresql")
class ClusterIT {

    static final long MINUTE = Timeframe.M1.millis();
    static final int CYCLES = Integer.getInteger("cluster.cycles", 1);
    static final List<String> SYMBOLS = List.of("BTC/USDT", "ETH/USDT");
    static final Map<String, String> STRATEGIES = Map.of("btc-rsi-1m", "BTC/USDT", "eth-macd-1m", "ETH/USDT");
    static final String CLUSTER = ServiceRunner.clusterName(Role.ALL, List.of());

    static final Pattern BACKFILL_RUN = Pattern.compile(
            "backfillCandlesJob binance (\\S+) 1m \\[\\S+, (\\S+)\\) (\\w+) in ");
    static final Pattern EVALUATE_RUN = Pattern.compile("evaluateStrategyJob (\\S+) through the candle of (\\S+) (\\w+) in ");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)   // the instances' logs stay for a failure
    Path dir;
    @RegisterExtension
    WireMockExtension binance = WireMockExtension.newInstance()
            .options(options().dynamicPort().extensions(new ClockedBinance())).build();

    CliRun cli;

    @Test
    void shouldFireEachJobOnceOnTwoInstancesAndRecoverTheFireOfOneThatDies() throws Exception {
        binance.stubFor(ClockedBinance.stub());
        binance.stubFor(ClockedBinance.rulesStub());
        cli = new CliRun(dir);
        Map<String, String> properties = properties();
        Map<String, Process> instances = new LinkedHashMap<>();
        Map<String, Path> logs = new LinkedHashMap<>();
        for (String name : List.of("a", "b")) {
            logs.put(name, dir.resolve(name + ".log"));
            instances.put(name, ChildJvm.start(logs.get(name), properties, "run", "--role", "all"));
        }
        String victim;
        long killCycle;
        long lastCycle;
        try {
            awaitRunning(instances, logs);
            long ready = System.currentTimeMillis();
            // the candle each cycle stores: the one that closes after both run, and the next ones
            long firstCycle = Timeframe.M1.floor(ready);
            killCycle = firstCycle + CYCLES * MINUTE;
            lastCycle = killCycle + MINUTE;
            awaitCycle("cycle of " + Instant.ofEpochMilli(killCycle - MINUTE), killCycle - MINUTE, instances, logs);
            assertThat(cli.query("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", CLUSTER))
                    .as("both instances checked in to one cluster").hasSize(2);

            // the next cycle: the exchange answers after 8 s; the instance running a backfill of it dies
            binance.setGlobalFixedDelay(8_000);
            long pid = awaitRunningBackfill(killCycle + MINUTE, instances, logs);
            victim = instances.entrySet().stream().filter(e -> e.getValue().pid() == pid).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("no instance has pid " + pid));
            instances.get(victim).destroyForcibly();
            assertThat(instances.get(victim).waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killed = System.currentTimeMillis();
            binance.setGlobalFixedDelay(0);
            instances.remove(victim);
            System.out.printf("killed instance %s (pid %d) in the middle of the cycle of %s%n", victim, pid,
                    Instant.ofEpochMilli(killCycle));

            awaitCycle("cycle of " + Instant.ofEpochMilli(killCycle) + " after the kill", killCycle, instances, logs);
            System.out.printf("the survivor completed that cycle %.1f s after the kill%n",
                    (System.currentTimeMillis() - killed) / 1000.0);
            assertThat(cli.query("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", CLUSTER))
                    .as("the dead instance was found and its check-in removed").hasSize(1);
            awaitCycle("cycle of " + Instant.ofEpochMilli(lastCycle) + ", the survivor alone", lastCycle, instances, logs);

            // docker stop: SIGTERM, exit 0
            Process survivor = instances.values().iterator().next();
            survivor.destroy();
            assertThat(survivor.waitFor(45, TimeUnit.SECONDS)).isTrue();
            assertThat(survivor.exitValue()).isZero();
        } finally {
            instances.values().forEach(Process::destroyForcibly);
        }

        assertCandlesStoredOnce(lastCycle);
        Map<String, String> runs = assertEachRunCompletedOnceOnOneInstance(logs, victim, killCycle);
        System.out.println("which instance completed each run:");
        runs.forEach((run, instance) -> System.out.println("  " + instance + "  " + run));
        properties.forEach(cli::with);
        LiveTrades.assertEqualReplays(cli, STRATEGIES);
    }

    /** The service's configuration: two 1-minute series on the fake Binance, a fast strategy on each. */
    private Map<String, String> properties() {
        Map<String, String> p = new TreeMap<>();
        p.put("spring.datasource.url", cli.url());
        p.put("trading.exchanges.binance.base-url", binance.baseUrl());
        p.put("trading.backfill.progress", "never");
        p.put("trading.schedule.delay", "2s");
        p.put("trading.schedule.poll-interval", "500ms");
        // a dead instance is found within ~10 s instead of ~15 s (Quartz adds 7.5 s to the check-in interval)
        p.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000");
        for (int i = 0; i < SYMBOLS.size(); i++) {
            p.put("trading.markets[" + i + "].exchange", "binance");
            p.put("trading.markets[" + i + "].symbol", SYMBOLS.get(i));
            p.put("trading.markets[" + i + "].timeframes[0]", "1m");
            p.put("trading.markets[" + i + "].history", "60m");
        }
        STRATEGIES.forEach((id, symbol) -> {
            String s = "trading.strategies." + id + ".";
            p.put(s + "exchange", "binance");
            p.put(s + "symbol", symbol);
            p.put(s + "timeframe", "1m");
            p.put(s + "stake", "1000");
            String type = id.contains("rsi") ? "rsi" : "macd";
            p.put(s + "type", type);
            ComposeIT.FAST.get(type).forEach((name, value) -> p.put(s + "params." + name, value));
        });
        return p;
    }

    private static void awaitRunning(Map<String, Process> instances, Map<String, Path> logs) throws Exception {
        await("both instances running", Duration.ofSeconds(120), instances, logs, () -> logs.values().stream()
                .allMatch(log -> read(log).contains("running as all")));
    }

    /** Waits until both series store the candle of {@code candle}, both strategies evaluated it, and nothing runs. */
    private void awaitCycle(String what, long candle, Map<String, Process> instances, Map<String, Path> logs)
            throws Exception {
        long deadline = candle + 2 * MINUTE + 60_000 - System.currentTimeMillis();
        await(what, Duration.ofMillis(Math.max(deadline, 10_000)), instances, logs, () -> {
            long stored = Cycles.seriesStoredThrough(cli, candle);
            long evaluated = Cycles.strategiesEvaluatedThrough(cli, candle);
            long running = cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED')");
            return stored == SYMBOLS.size() && evaluated == STRATEGIES.size() && running == 0;
        });
    }

    /** Waits for a backfill up to {@code to} to run, with a heartbeat; gives the pid of its process. */
    private long awaitRunningBackfill(long to, Map<String, Process> instances, Map<String, Path> logs) throws Exception {
        String sql = """
                SELECT h.pid FROM BATCH_JOB_EXECUTION e
                JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND i.JOB_NAME = ?
                JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'to'
                JOIN job_heartbeats h ON h.job_execution_id = e.JOB_EXECUTION_ID
                WHERE e.STATUS = 'STARTED' AND CAST(t.PARAMETER_VALUE AS BIGINT) = ?""";
        await("a backfill to " + Instant.ofEpochMilli(to) + " running", Duration.ofMillis(
                to + 60_000 - System.currentTimeMillis()), instances, logs,
                () -> !cli.query(sql, JobNames.BACKFILL_CANDLES_JOB, to).isEmpty());
        return ((Number) cli.query(sql, JobNames.BACKFILL_CANDLES_JOB, to).getFirst().get("pid")).longValue();
    }

    private static void await(String what, Duration timeout, Map<String, Process> instances, Map<String, Path> logs,
                              BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (var e : instances.entrySet()) {
                String log = read(logs.get(e.getKey()));
                assertThat(e.getValue().isAlive()).as("instance %s is running:\n%s", e.getKey(), log).isTrue();
                assertThat(log).as("instance %s logged an error", e.getKey()).doesNotContain(" ERROR ");
            }
            if (done.getAsBoolean()) {
                return;
            }
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Each series: every minute from its first candle to its last, once, with the exchange's exact values. */
    private void assertCandlesStoredOnce(long lastCycle) {
        for (String symbol : SYMBOLS) {
            List<Candle> stored = cli.candles(new MarketKey("binance", symbol, Timeframe.M1));
            assertThat(stored.getLast().openTime()).as(symbol).isGreaterThanOrEqualTo(lastCycle);
            assertThat(stored.size()).as("%s: 60 minutes of history and the cycles since", symbol)
                    .isGreaterThanOrEqualTo(59 + 2 + CYCLES);
            long first = stored.getFirst().openTime();
            for (int i = 0; i < stored.size(); i++) {
                assertThat(text(stored.get(i))).as("%s candle %d", symbol, i)
                        .isEqualTo(text(ClockedBinance.candle(symbol.replace("/", ""), first + i * MINUTE)));
            }
        }
        assertThat(cli.count("SELECT COUNT(*) FROM (SELECT 1 FROM ohlcv_data GROUP BY symbol, timestamp "
                + "HAVING COUNT(*) > 1) d")).as("candles stored twice").isZero();
    }

    /**
     * Every Batch job instance has exactly one COMPLETED execution; the only other one is the killed
     * instance's, marked FAILED as dead and restarted by the survivor. Each completed run is in the log
     * of exactly one instance; the cycles after the kill all in the survivor's. Gives run to instance.
     */
    private Map<String, String> assertEachRunCompletedOnceOnOneInstance(Map<String, Path> logs, String victim,
                                                                       long killCycle) throws IOException {
        assertThat(cli.query("""
                SELECT i.JOB_NAME, i.JOB_INSTANCE_ID, COUNT(e.JOB_EXECUTION_ID) AS completed FROM BATCH_JOB_INSTANCE i
                LEFT JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND e.STATUS = 'COMPLETED'
                WHERE i.JOB_NAME IN (?, ?)
                GROUP BY i.JOB_NAME, i.JOB_INSTANCE_ID HAVING COUNT(e.JOB_EXECUTION_ID) <> 1""",
                JobNames.BACKFILL_CANDLES_JOB, JobNames.EVALUATE_STRATEGY_JOB))
                .as("job instances not completed exactly once").isEmpty();
        List<Map<String, Object>> others = cli.query(
                "SELECT JOB_EXECUTION_ID, STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE STATUS <> 'COMPLETED'");
        assertThat(others).as("the killed run, and nothing else").hasSize(1);
        assertThat(others.getFirst().get("STATUS")).isEqualTo("FAILED");
        assertThat((String) others.getFirst().get("EXIT_MESSAGE")).contains(" is gone: marked FAILED so it can be restarted");

        // each run's "<job> <parameters> COMPLETED" line, by instance
        Map<String, String> runs = new TreeMap<>();
        for (var log : logs.entrySet()) {
            for (String line : Files.readAllLines(log.getValue())) {
                Matcher b = BACKFILL_RUN.matcher(line);
                Matcher e = EVALUATE_RUN.matcher(line);
                String run = b.find() ? "backfill " + b.group(1) + " to " + b.group(2) + " " + b.group(3)
                        : e.find() ? "evaluate " + e.group(1) + " through " + e.group(2) + " " + e.group(3) : null;
                if (run != null) {
                    String other = runs.put(run, log.getKey());
                    assertThat(other).as("%s also logged by %s", run, other).isNull();
                }
            }
            assertThat(Files.readAllLines(log.getValue())).as("instance %s", log.getKey())
                    .noneMatch(l -> l.contains(" ERROR ") || l.contains("Exception"))
                    .filteredOn(l -> l.contains(" WARN ")).allMatch(l -> l.contains("c.z.h."));
        }
        long completed = cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE e.STATUS = 'COMPLETED' "
                + "AND i.JOB_NAME IN (?, ?)", JobNames.BACKFILL_CANDLES_JOB, JobNames.EVALUATE_STRATEGY_JOB);
        assertThat(runs.keySet()).as("completed runs logged").allMatch(r -> r.endsWith(" COMPLETED")).hasSize((int) completed);
        assertThat(runs.entrySet()).as("runs of the kill cycle and after")
                .filteredOn(r -> at(r.getKey()) >= killCycle)
                .isNotEmpty().allMatch(r -> !r.getValue().equals(victim));
        assertThat(runs.values()).as("runs of each instance").contains("a", "b");
        String survivor = victim.equals("a") ? "b" : "a";
        assertThat(Files.readString(dir.resolve(survivor + ".log")))
                .as("the survivor restarted the killed run").contains("; restarting it");
        return runs;
    }

    private static String text(Candle c) {
        return c.openTime() + " " + Stream.of(c.open(), c.high(), c.low(), c.close(), c.volume())
                .map(d -> d.stripTrailingZeros().toPlainString()).collect(Collectors.joining(" "));
    }

    /** The candle a run ends at: a backfill's last candle (its end minus a minute), an evaluation's candle. */
    private static long at(String run) {
        String[] words = run.split(" ");
        long t = Instant.parse(words[3]).toEpochMilli();
        return run.startsWith("backfill") ? t - MINUTE : t;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
