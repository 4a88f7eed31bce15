package dev.tradingbatch.jobs.strategies;

import com.example.strategy.DonchianBreakout;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example plugin as a user runs it: its jar copied into the plugins folder beside the packaged application,
 * a strategy of its type declared in {@code config/application.yml} beside one in ta4j's JSON ({@code definition-file}
 * under {@code config/strategies/}), then the commands a user types, each in a process of its own. Runs after
 * {@code package}, which builds both jars.
 */
class StrategyPluginIT {

    private static final Path APPLICATION = Path.of("target", "trading-batch.jar").toAbsolutePath();
    private static final Path PLUGIN = Path.of("..", "examples", "strategy-plugin", "target",
            "strategy-plugin-example.jar").toAbsolutePath().normalize();
    private static final String CONFIG = """
            trading:
              strategies:
                donchian-bs-5m: { exchange: bitstamp, symbol: BTC/USD, timeframe: 5m, type: donchian,
                                  params: { entry-period: 20, exit-period: 10 }, stake: 1000, fee-rate: 0.001,
                                  slippage-bps: 5 }
                sma-trend-bs-5m: { exchange: bitstamp, symbol: BTC/USD, timeframe: 5m, type: ta4j,
                                   definition-file: config/strategies/sma-trend.json, stake: 1000 }
            """;
    private static final Path SMA_TREND = Path.of("..", "config", "strategies", "sma-trend.json");

    @TempDir
    Path work;

    private record Run(int exitCode, String out) {
    }

    @Test
    void shouldListEvaluateCheckAndReplayTheExamplePluginsStrategyAndAJsonOne() throws IOException, InterruptedException {
        assertThat(APPLICATION).as("the packaged application (./mvnw package builds it)").isRegularFile();
        assertThat(PLUGIN).as("the example plugin (./mvnw package builds it)").isRegularFile();
        Files.copy(PLUGIN, Files.createDirectories(work.resolve("plugins")).resolve(PLUGIN.getFileName()));
        Files.writeString(Files.createDirectories(work.resolve("config")).resolve("application.yml"), CONFIG);
        Files.copy(SMA_TREND, Files.createDirectories(work.resolve("config").resolve("strategies"))
                .resolve("sma-trend.json"));
        Path sample = BitstampSample.FILE.toAbsolutePath().normalize();

        Run types = run("strategies", "types");
        Run imported = run("backfill", "--exchange", "file", "--file", sample.toString(), "--as", "bitstamp",
                "--symbol", "BTC/USD", "--timeframe", "5m");
        Run replay = run("replay", "--strategy", "donchian-bs-5m", "--report", "reports/donchian.html");
        Run evaluate = run("-Dtrading.now=2013-12-01T16:05:01Z", "evaluate", "--strategy", "donchian-bs-5m");
        Run check = run("check", "--strategy", "donchian-bs-5m");
        Run json = run("replay", "--strategy", "sma-trend-bs-5m");

        assertThat(types.exitCode()).as(types.out()).isZero();
        assertThat(types.out()).contains("donchian (" + Path.of("plugins", "strategy-plugin-example.jar")
                + "): Donchian channel breakout: ").contains("  entry-period     20         an integer in [2, 500]");
        assertThat(imported.exitCode()).as(imported.out()).isZero();
        assertThat(replay.exitCode()).as(replay.out()).isZero();
        assertThat(replay.out()).contains("replay donchian-bs-5m (donchian entry-period=20,exit-period=10 on bitstamp "
                + "BTC/USD 5m) [2013-11-25T01:40:00Z, 2013-12-01T16:05:00Z): 1897 candles, 52 fills, run replay-2 (COMPLETED");
        assertThat(work.resolve("reports").resolve("donchian.html")).isRegularFile().content()
                .contains("<h1>donchian-bs-5m</h1>").contains("donchian entry-period=20,exit-period=10 on bitstamp BTC/USD 5m")
                .contains("<h2>Trades <small>(52;");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("check donchian-bs-5m (donchian entry-period=20,exit-period=10 on bitstamp "
                + "BTC/USD 5m) ").contains("look-ahead: none").contains("\nclean\n");
        // a strategy in ta4j's JSON, its definition-file relative to the working folder, as in a container
        assertThat(json.exitCode()).as(json.out()).isZero();
        assertThat(json.out()).contains("replay sma-trend-bs-5m (ta4j config/strategies/sma-trend.json on bitstamp "
                + "BTC/USD 5m) ").contains(": 1718 candles, 46 fills, run replay-");
        assertThat(evaluate.exitCode()).as(evaluate.out()).isZero();
        assertThat(evaluate.out()).contains("evaluate donchian-bs-5m (donchian on bitstamp BTC/USD 5m): "
                + "1 candle evaluated up to 2013-12-01T16:00:00Z");

        List<Fill> expected = expectedReplay();
        assertThat(expected).hasSize(52);
        assertThat(storedReplay()).isEqualTo(expected.stream()
                .map(f -> f.side().code() + "@" + Instant.ofEpochMilli(f.candleTime()) + " " + f.price().toPlainString())
                .toList());
    }

    /**
     * What a replay of the whole sample fills, computed here with the plugin's type from this test's class path (the
     * module depends on the example for its build order).
     */
    private static List<Fill> expectedReplay() {
        List<Candle> candles = BitstampSample.candles();
        StrategySpec spec = StrategySpec.of(StrategyType.of(new DonchianBreakout(), PLUGIN.toString()),
                Map.of("entry-period", "20", "exit-period", "10"));
        return BitstampSample.fills(candles, spec, candles.get(spec.warmUpBars()).openTime(),
                candles.getLast().openTime());
    }

    private List<String> storedReplay() {
        SingleConnectionDataSource db = new SingleConnectionDataSource(
                "jdbc:sqlite:" + work.resolve("data").resolve("trading.db"), true);
        try {
            return new JdbcTemplate(db).query("SELECT side, candle_time, price FROM strategy_trades "
                            + "WHERE strategy_id = 'donchian-bs-5m' AND run_id LIKE 'replay-%' ORDER BY candle_time",
                    (rs, i) -> rs.getString("side") + "@" + Instant.ofEpochMilli(rs.getLong("candle_time")) + " "
                            + rs.getString("price"));
        } finally {
            db.destroy();
        }
    }

    /** {@code java [-Dkey=value] -jar trading-batch.jar ARGS} in the working folder; system properties first. */
    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        int i = 0;
        for (; i < args.length && args[i].startsWith("-D"); i++) {
            command.add(args[i]);
        }
        command.addAll(List.of("-jar", APPLICATION.toString()));
        command.addAll(List.of(args).subList(i, args.length));
        Path log = Files.createTempFile(work, "run", ".log");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(ended).as("%s ended within 5 minutes: %s", String.join(" ", args), out).isTrue();
        return new Run(process.exitValue(), out);
    }
}
