package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code optimize --workers remote} with two {@code run --role sweep-worker} JVMs on one PostgreSQL schema and the
 * RabbitMQ server at 127.0.0.1:5672 (guest/guest), a queue of the test's own: the sweep's rows equal those of the same
 * sweep run on local threads. Then a worker killed (SIGKILL) in the middle of a partition: the sweep fails once
 * {@code trading.sweep.remote-timeout} has passed, naming the partitions marked FAILED, and the same command again
 * computes only those partitions, on the worker left, into rows equal to the local sweep's. Each set waits 700 ms on the
 * workers ({@link SlowSweepSets}) so that the kill falls inside a partition. A worker's {@code /actuator/health}
 * checks RabbitMQ (no other process does).
 */
@EnabledIfSystemProperty(named = "test.database", matches = "postgresql")
class RemoteSweepIT {

    static final List<String> SWEEP_A = List.of("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2",
            "--param", "oversold=25,30,35", "--from", "2013-11-26", "--to", "2013-12-01", "--objective", "return");
    static final List<String> SWEEP_B = List.of("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..20:2",
            "--param", "oversold=25,30", "--from", "2013-11-26", "--to", "2013-12-01", "--objective", "return");
    static final Pattern SWEEP_ID = Pattern.compile("sweep sweep-(\\d+) \\((\\w+), execution (\\d+)");
    static final String COMPUTING = "computing optimizeSetsStep:";
    static final Pattern TAKEN = Pattern.compile("computing optimizeSetsStep:\\S+ of job execution \\d+ "
            + "\\(step execution (\\d+)\\)");
    /** Every column of a row but which execution computed it, and when. */
    static final String ROWS = "SELECT set_index, strategy_id, params, evaluated, total_return, annualised_return,"
            + " buy_and_hold, max_drawdown, trades, win_rate, profit_factor, sharpe, sortino, exposure, final_equity,"
            + " position_open FROM sweep_results WHERE sweep_id = ? ORDER BY set_index";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)   // the workers' logs stay for a failure
    Path dir;

    final String queue = "trading-batch.sweep-it-" + UUID.randomUUID();
    final Map<String, Process> workers = new LinkedHashMap<>();
    final Map<String, Path> logs = new LinkedHashMap<>();

    @AfterEach
    void stopWorkersAndDeleteQueue() throws InterruptedException {
        for (Process p : workers.values()) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            new RabbitAdmin(connections).deleteQueue(queue);
        } finally {
            connections.destroy();
        }
    }

    @Test
    void shouldComputeOnTwoWorkersWhatLocalThreadsComputeAndRerunOnlyTheLostPartitionsAfterAWorkerIsKilled()
            throws Exception {
        CliRun local = declared(new CliRun(dir.resolve("local")));
        BitstampSample.importInto(local);
        long localA = sweepId(local.run(SWEEP_A.toArray(String[]::new)));
        long localB = sweepId(local.run(SWEEP_B.toArray(String[]::new)));

        CliRun remote = declared(new CliRun(dir.resolve("remote")));
        BitstampSample.importInto(remote);
        Map<String, String> workerProperties = new HashMap<>(properties(remote));
        workerProperties.put("trading.sweep.worker-threads", "1");
        workerProperties.put("test.sweep.set-delay", "700ms");
        int managementPort = freePort();
        for (String name : List.of("a", "b")) {
            logs.put(name, dir.resolve("worker-" + name + ".log"));
            Map<String, String> p = new HashMap<>(workerProperties);
            if (name.equals("b")) {
                p.put("management.server.port", String.valueOf(managementPort));
            }
            workers.put(name, ChildJvm.start(logs.get(name), p, "run", "--role", "sweep-worker"));
        }
        await("both workers listening", Duration.ofSeconds(240), () -> logs.values().stream()
                .allMatch(log -> read(log).contains("running as sweep-worker: 1 partitions at a time from queue " + queue)));
        // a worker's health: its database and the broker it takes requests from
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"rabbit\":\\{\"details\":\\{[^}]*\\},\"status\":\"UP\"")
                .containsPattern("\"db\":\\{\"details\":\\{[^}]*\\},\"status\":\"UP\"");

        // on the two workers: the rows of the local sweep, six partitions each run once, by both workers
        CliRun.Result a = remote.run(remote(SWEEP_A));
        long remoteA = sweepId(a);
        assertThat(a.out()).contains("COMPLETED");
        assertThat(remote.query(ROWS, remoteA)).hasSize(12).isEqualTo(local.query(ROWS, localA));
        assertThat(partitions(remote, execution(a))).hasSize(6).allSatisfy(p -> assertThat(p).endsWith("COMPLETED"));
        for (String name : workers.keySet()) {
            assertThat(count(read(logs.get(name)), COMPUTING)).as("partitions worker %s ran", name).isPositive();
        }

        // worker a killed in the middle of a partition of the next sweep: the sweep fails after the timeout
        int before = taken(read(logs.get("a"))).size();
        CompletableFuture<CliRun.Result> running = CompletableFuture.supplyAsync(() -> remote.run(remote(SWEEP_B)));
        // once the partition it took is STARTED in the repository: killed before that, its request would go to
        // worker b, which would run the partition as if nothing had happened
        await("worker a in the middle of a partition of the second sweep", Duration.ofSeconds(120), () -> {
            List<Long> taken = taken(read(logs.get("a")));
            return taken.size() > before && remote.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION"
                    + " WHERE STEP_EXECUTION_ID = ? AND STATUS = 'STARTED'", taken.getLast()) == 1;
        });
        workers.get("a").destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Process survivor = workers.get("b");
        CliRun.Result failed = running.get(180, TimeUnit.SECONDS);
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.out()).contains("(FAILED, execution").contains("not ended within trading.sweep.remote-timeout")
                .contains("marked FAILED: optimizeSetsStep:sets-");
        List<String> first = partitions(remote, execution(failed));
        List<String> lost = first.stream().filter(p -> p.endsWith("FAILED")).map(p -> p.split(" ")[0]).toList();
        assertThat(lost).isNotEmpty();
        assertThat(first).hasSize(6).allSatisfy(p -> assertThat(p).matches(".* (COMPLETED|FAILED)"));
        assertThat(remote.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED')"))
                .as("step executions left running").isZero();
        // the killed worker's request went back to the queue; worker b dropped it rather than run the partition twice
        assertThat(read(logs.get("b"))).contains("dropped the request for " + lost.getFirst() + " (step execution");

        // the same command again: only the lost partitions, on the worker left; the local sweep's rows
        CliRun.Result restarted = remote.run(remote(SWEEP_B));
        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err() + read(logs.get("b"))).isZero();
        assertThat(sweepId(restarted)).isEqualTo(sweepId(failed));
        assertThat(partitions(remote, execution(restarted)).stream().map(p -> p.split(" ")[0]).toList())
                .containsExactlyInAnyOrderElementsOf(lost);
        assertThat(remote.query(ROWS, sweepId(restarted))).hasSize(12).isEqualTo(local.query(ROWS, localB));
        assertThat(survivor.isAlive()).isTrue();
        assertThat(read(logs.get("b"))).doesNotContain(" ERROR ");
    }

    private CliRun declared(CliRun cli) {
        cli.with("trading.sweep.queue", queue).with("trading.sweep.remote-partitions", "6")
                .with("trading.sweep.remote-timeout", "20s").with("trading.sweep.poll-interval", "200ms");
        return BitstampSample.declare(cli, "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35",
                "overbought", "65"));
    }

    /** What the workers need to run the sweeps of {@code cli}: its database, strategy and queue. */
    private Map<String, String> properties(CliRun cli) {
        Map<String, String> p = new HashMap<>();
        p.put("spring.datasource.url", cli.url());
        p.put("trading.sweep.queue", queue);
        String key = "trading.strategies.rsi-bs-5m.";
        p.put(key + "exchange", "bitstamp");
        p.put(key + "symbol", "BTC/USD");
        p.put(key + "timeframe", "5m");
        p.put(key + "type", "rsi");
        p.put(key + "stake", BitstampSample.STAKE.toPlainString());
        p.put(key + "fee-rate", BitstampSample.FEE_RATE.toPlainString());
        p.put(key + "slippage-bps", BitstampSample.SLIPPAGE_BPS.toPlainString());
        p.put(key + "params.period", "14");
        p.put(key + "params.oversold", "35");
        p.put(key + "params.overbought", "65");
        return p;
    }

    private static String[] remote(List<String> sweep) {
        return Stream.concat(sweep.stream(), Stream.of("--workers", "remote")).toArray(String[]::new);
    }

    private static long sweepId(CliRun.Result r) {
        return Long.parseLong(match(r).group(1));
    }

    private static long execution(CliRun.Result r) {
        return Long.parseLong(match(r).group(3));
    }

    private static Matcher match(CliRun.Result r) {
        Matcher m = SWEEP_ID.matcher(r.out());
        assertThat(m.find()).as(r.out() + r.err()).isTrue();
        return m;
    }

    /** The partitions of a job execution, "NAME STATUS", by name. */
    private static List<String> partitions(CliRun cli, long executionId) {
        return cli.query("SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?"
                        + " AND STEP_NAME LIKE 'optimizeSetsStep:%' ORDER BY STEP_NAME", executionId).stream()
                .map(row -> row.get("STEP_NAME") + " " + row.get("STATUS")).toList();
    }

    /** The step executions of the partitions a worker's log says it took, in order. */
    private static List<Long> taken(String log) {
        Matcher m = TAKEN.matcher(log);
        List<Long> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            for (var w : workers.entrySet()) {
                assertThat(w.getValue().isAlive()).as("worker %s is running:\n%s", w.getKey(), read(logs.get(w.getKey())))
                        .isTrue();
            }
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
