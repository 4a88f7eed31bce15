package dev.tradingbatch.jobs.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yaml} and {@code docker/Dockerfile} say what the deployment promises: a
 * backfiller and one trader per example strategy of {@code config/application.yml}, all on one
 * database volume, each with its health and metrics on a management port, and the dashboard beside them; and the
 * image is what {@link LocalServices}
 * assumes when {@link ComposeIT} runs the services without Docker. {@code docker/compose.postgres.yaml}
 * moves that deployment to PostgreSQL and changes nothing else.
 */
class ComposeFileTest {

    /** The service serving the web pages (docs/dashboard.md); every other one is a {@code run}. */
    static final String DASHBOARD = "dashboard";

    /** How the image starts every service: its JVM options file and AOT cache, then the command. */
    static final String ENTRYPOINT = "[\"java\", \"@/app/java.options\", \"-XX:AOTCache=/app/app.aot\", \"-jar\", \"/app/app.jar\"]";

    @Test
    void shouldDeclareABackfillerAndATraderPerExampleStrategyOnOneVolume() throws IOException {
        ComposeFile compose = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"));
        Map<String, Map<String, Object>> strategies = ExampleConfig.trading("strategies");

        Set<String> expected = new LinkedHashSet<>(List.of("backfiller", DASHBOARD));
        strategies.keySet().forEach(id -> expected.add("trader-" + id));
        assertThat(compose.services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(compose.services().get("backfiller").command()).containsExactly("run", "--role", "backfiller");
        strategies.keySet().forEach(id -> assertThat(compose.services().get("trader-" + id).command())
                .containsExactly("run", "--role", "trader", "--strategy", id));
        assertThat(compose.volumes()).containsOnlyKeys("trading-data");
        for (ComposeFile.Service s : compose.services().values()) {
            assertThat(s.volumes()).as(s.name()).containsExactlyInAnyOrder("trading-data:/data", "../config:/app/config:ro",
                    "../plugins:/app/plugins:ro");
            assertThat(s.environment()).as(s.name()).containsEntry("SPRING_DATASOURCE_URL", "jdbc:sqlite:/data/trading.db");
            if (s.name().equals(DASHBOARD)) {
                // the dashboard's own server, published on the host's loopback only; its healthcheck a GET of /
                assertThat(s.command()).containsExactly("dashboard");
                assertThat(s.environment()).containsOnly(Map.entry("SPRING_DATASOURCE_URL", "jdbc:sqlite:/data/trading.db"),
                        Map.entry("TRADING_DASHBOARD_PORT", "8090"), Map.entry("TRADING_DASHBOARD_ADDRESS", "0.0.0.0"));
                assertThat(s.settings().get("ports")).isEqualTo(List.of("127.0.0.1:8090:8090"));
                assertThat(String.valueOf(s.settings().get("healthcheck")))
                        .contains("exec 3<>/dev/tcp/127.0.0.1/$$TRADING_DASHBOARD_PORT")
                        .contains("GET / HTTP/1.0").contains("grep -q \" 200 \"");
            } else {
                assertThat(s.environment()).as(s.name()).containsEntry("MANAGEMENT_SERVER_PORT", "9100")
                        .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
                // the healthcheck LocalServices runs: a GET of the service's /actuator/health on its management port
                assertThat(String.valueOf(s.settings().get("healthcheck"))).as(s.name())
                        .contains("exec 3<>/dev/tcp/127.0.0.1/$$MANAGEMENT_SERVER_PORT")
                        .contains("GET /actuator/health HTTP/1.0").contains("grep -q \" 200 \"");
            }
            assertThat(s.settings().get("build")).as(s.name())
                    .isEqualTo(Map.of("context", "..", "dockerfile", "docker/Dockerfile"));
            assertThat(Duration.parse("PT" + s.settings().get("stop_grace_period")))
                    .as("%s: docker stop waits longer than the service's shutdown grace (30 s)", s.name())
                    .isGreaterThan(Duration.ofSeconds(30));
        }

        List<String> dockerfile = Files.readAllLines(ExampleConfig.REPO.resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre",
                "WORKDIR /app", "VOLUME /data", "USER trading", "ENTRYPOINT " + ENTRYPOINT);
        assertThat(dockerfile).filteredOn(l -> l.contains("mvnw")).isNotEmpty();
        assertThat(String.join("\n", dockerfile))
                .as("the image's own healthcheck, for a plain docker run (compose has its own)")
                .contains("HEALTHCHECK ")
                .contains("CMD java @/app/java.options -XX:AOTCache=/app/app.aot -XX:TieredStopAtLevel=1 -jar /app/app.jar health --role \"$HEALTH_ROLE\" ${HEALTH_STRATEGY:+--strategy \"$HEALTH_STRATEGY\"}")
                .contains("SPRING_DATASOURCE_URL=jdbc:sqlite:/data/trading.db")
                .as("plugins read from the folder compose mounts").contains("ENV TRADING_PLUGINS_DIR=/app/plugins")
                .contains("mkdir -p /app/config /app/plugins /data");
    }

    /**
     * The commented example of a JSON strategy's trader, uncommented with its commented declaration: a trader service
     * like the others, and a ta4j strategy whose definition-file is under the mounted config/ (the working folder
     * /app stands for the repository's root, config/ being mounted at /app/config).
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldRunTheCommentedJsonStrategyExampleOnceUncommented(@TempDir Path dir) throws IOException {
        Path compose = Files.write(dir.resolve("compose.yaml"), uncommented(
                Files.readAllLines(ExampleConfig.REPO.resolve("docker/compose.yaml")), "trader-sma-trend-bin-1h"));
        List<String> config = uncommented(Files.readAllLines(ExampleConfig.REPO.resolve("config/application.yml")),
                "sma-trend-bin-1h");

        ComposeFile.Service trader = ComposeFile.read(compose).services().get("trader-sma-trend-bin-1h");
        Map<String, Object> root = new Yaml().load(String.join("\n", config));
        Map<String, Object> strategy = ((Map<String, Map<String, Map<String, Object>>>) root.get("trading"))
                .get("strategies").get("sma-trend-bin-1h");

        assertThat(trader).as("the service, uncommented").isNotNull();
        assertThat(trader.command()).containsExactly("run", "--role", "trader", "--strategy", "sma-trend-bin-1h");
        Map<String, Object> settings = new HashMap<>(trader.settings());
        settings.remove("command");
        Map<String, Object> other = new HashMap<>(ComposeFile.read(compose).services().get("trader-btc-bin-1h").settings());
        other.remove("command");
        assertThat(settings).as("configured as every other trader").isEqualTo(other);
        assertThat(strategy).as("the declaration, uncommented").containsEntry("type", "ta4j")
                .containsEntry("definition-file", "config/strategies/sma-trend.json");
        assertThat(ExampleConfig.REPO.resolve((String) strategy.get("definition-file"))).isRegularFile();
    }

    /** {@code lines} with the commented block of {@code key} ({@code # key:} and its deeper lines) uncommented. */
    private static List<String> uncommented(List<String> lines, String key) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines) {
            String content = line.stripLeading();
            inBlock = content.startsWith("# " + key + ":") || inBlock && content.startsWith("#  ");
            out.add(inBlock ? line.replaceFirst("# ", "") : line);
        }
        assertThat(out).as("a commented block %s", key).isNotEqualTo(lines);
        return out;
    }

    /**
     * Every JVM of the image starts with {@code docker/java.options} (service, healthcheck, the AOT training run),
     * the options parse on this JDK, and the build steps name files that exist: the extracted jar, the sample and the
     * script of the training run, on the candle after the sample's last (the bench's jar carries the same options
     * file and script: ImageLayoutTest in bench/).
     */
    @Test
    void shouldStartEveryJvmOfTheImageWithItsOptionsFileAndAotCache() throws Exception {
        Path docker = ExampleConfig.REPO.resolve("docker");
        List<String> instructions = instructions(Files.readAllLines(docker.resolve("Dockerfile")));
        assertThat(instructions).contains("COPY docker/java.options /app/java.options",
                "COPY --from=build /src/extracted/lib /app/lib", "COPY --from=build /src/extracted/app.jar /app/app.jar",
                "ENTRYPOINT " + ENTRYPOINT);
        assertThat(instructions).filteredOn(i -> i.startsWith("RUN ") && i.contains("mvnw"))
                .singleElement().asString()
                .contains("java -Djarmode=tools -jar jobs/target/trading-batch.jar extract --destination /src/extracted")
                .contains("mv /src/extracted/trading-batch.jar /src/extracted/app.jar");
        for (String copy : instructions.stream().filter(i -> i.startsWith("COPY ") && !i.contains("--from")).toList()) {
            String source = copy.split(" ")[1];
            assertThat(ExampleConfig.REPO.resolve(source)).as(copy).exists();
        }

        String training = instructions.stream().filter(i -> i.startsWith("RUN ") && i.contains("aot-training.sh"))
                .findFirst().orElseThrow();
        Matcher mount = Pattern.compile("--mount=type=bind,source=(\\S+),target=(\\S+)").matcher(training);
        Map<String, String> mounts = new LinkedHashMap<>();
        while (mount.find()) {
            assertThat(ExampleConfig.REPO.resolve(mount.group(1))).as(mount.group()).exists();
            mounts.put(mount.group(2), mount.group(1));
        }
        assertThat(mounts).containsValues("docker/aot-training.sh", "samples/bitstamp-BTC-USD-5m.csv");
        String script = mounts.entrySet().stream().filter(e -> e.getValue().endsWith(".sh")).findFirst().orElseThrow().getKey();
        String sample = mounts.entrySet().stream().filter(e -> e.getValue().endsWith(".csv")).findFirst().orElseThrow().getKey();
        assertThat(training)
                .contains("java @/app/java.options -Dspring.datasource.url=jdbc:sqlite:/tmp/training/db/trading.db -jar /app/app.jar "
                        + "backfill --exchange file --file " + sample + " --as bitstamp --symbol BTC/USD --timeframe 5m")
                .contains("sh " + script + " /app/app.aot java @/app/java.options ")
                .contains("-Dspring.datasource.url=jdbc:sqlite:/tmp/training/db/trading.db")
                .contains("-Dtrading.strategies.training.exchange=bitstamp -Dtrading.strategies.training.symbol=BTC/USD")
                .contains("-Dtrading.strategies.training.timeframe=5m")
                .contains("-jar /app/app.jar run --role trader --strategy training");
        // the training trader's fire at start evaluates the sample's last candle: `now` is just after it closed
        List<String> candles = Files.readAllLines(ExampleConfig.REPO.resolve(mounts.get(sample)));
        long lastOpen = Long.parseLong(candles.getLast().split(",")[0]);
        Matcher now = Pattern.compile("-Dtrading.now=(\\S+)").matcher(training);
        assertThat(now.find()).isTrue();
        assertThat(Instant.parse(now.group(1)).toEpochMilli() - lastOpen).as("trading.now after the last candle's open")
                .isBetween(Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(10).toMillis() - 1);

        // the options file parses on this JDK, without a warning
        Process version = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + docker.resolve("java.options"), "-version").redirectErrorStream(true).start();
        String said = new String(version.getInputStream().readAllBytes());
        assertThat(version.waitFor()).as(said).isZero();
        assertThat(said).doesNotContainIgnoringCase("warning").doesNotContain("Unrecognized");
    }

    /** The Dockerfile's instructions, each on one line: continuation lines joined, comments dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("#") || (l.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = l.endsWith("\\");
            current.append(continued ? l.substring(0, l.length() - 1).strip() : l).append(continued ? " " : "");
            if (!continued) {
                instructions.add(current.toString().replaceAll(" +", " "));
                current.setLength(0);
            }
        }
        return instructions;
    }

    @Test
    void shouldPointEveryServiceAtAHealthyPostgresAndChangeNothingElse() throws IOException {
        ComposeFile sqlite = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"));
        ComposeFile postgres = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"),
                ExampleConfig.REPO.resolve("docker/compose.postgres.yaml"));

        Set<String> services = new LinkedHashSet<>(sqlite.services().keySet());
        services.add("postgres");
        assertThat(postgres.services().keySet()).containsExactlyInAnyOrderElementsOf(services);
        assertThat(postgres.volumes()).containsOnlyKeys("trading-data", "postgres-data");

        ComposeFile.Service db = postgres.services().get("postgres");
        assertThat(String.valueOf(db.settings().get("image"))).startsWith("postgres:");
        assertThat(db.command()).isEmpty();
        assertThat(db.environment()).containsOnly(Map.entry("POSTGRES_DB", "trading"),
                Map.entry("POSTGRES_USER", "trading"), Map.entry("POSTGRES_PASSWORD", "trading"));
        assertThat(db.volumes()).containsExactly("postgres-data:/var/lib/postgresql/data");
        assertThat(String.valueOf(db.settings().get("healthcheck"))).contains("pg_isready -U trading -d trading");

        for (ComposeFile.Service before : sqlite.services().values()) {
            ComposeFile.Service after = postgres.services().get(before.name());
            Map<String, String> environment = new LinkedHashMap<>(before.environment());
            environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/trading");
            environment.put("SPRING_DATASOURCE_USERNAME", "trading");
            environment.put("SPRING_DATASOURCE_PASSWORD", "trading");
            assertThat(after.environment()).as(after.name()).isEqualTo(environment);
            assertThat(after.settings().get("depends_on")).as(after.name())
                    .isEqualTo(Map.of("postgres", Map.of("condition", "service_healthy")));

            Map<String, Object> rest = new HashMap<>(after.settings());
            rest.remove("depends_on");
            rest.put("environment", before.settings().get("environment"));
            assertThat(rest).as("%s: nothing but the database changes", after.name()).isEqualTo(before.settings());
        }
    }

    @Test
    void shouldAddABrokerAndSweepWorkersOnTheClustersDatabaseAndChangeNothingElse() throws IOException {
        ComposeFile postgres = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"),
                ExampleConfig.REPO.resolve("docker/compose.postgres.yaml"));
        ComposeFile sweep = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"),
                ExampleConfig.REPO.resolve("docker/compose.postgres.yaml"),
                ExampleConfig.REPO.resolve("docker/compose.sweep.yaml"));

        Set<String> services = new LinkedHashSet<>(postgres.services().keySet());
        services.addAll(List.of("rabbitmq", "sweep-worker"));
        assertThat(sweep.services().keySet()).containsExactlyInAnyOrderElementsOf(services);
        postgres.services().values().forEach(s -> assertThat(sweep.services().get(s.name())).as(s.name()).isEqualTo(s));
        assertThat(sweep.volumes()).containsOnlyKeys("trading-data", "postgres-data", "rabbitmq-data");

        ComposeFile.Service broker = sweep.services().get("rabbitmq");
        assertThat(String.valueOf(broker.settings().get("image"))).startsWith("rabbitmq:");
        assertThat(broker.environment()).containsOnly(Map.entry("RABBITMQ_DEFAULT_USER", "trading"),
                Map.entry("RABBITMQ_DEFAULT_PASS", "trading"));

        // the workers: the image's run as sweep-worker, on the cluster's database and the broker's credentials
        ComposeFile.Service worker = sweep.services().get("sweep-worker");
        assertThat(worker.command()).containsExactly("run", "--role", "sweep-worker");
        assertThat(worker.settings().get("image")).isEqualTo(postgres.services().get("backfiller").settings().get("image"));
        assertThat(worker.environment()).containsOnly(
                Map.entry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/trading"),
                Map.entry("SPRING_DATASOURCE_USERNAME", "trading"), Map.entry("SPRING_DATASOURCE_PASSWORD", "trading"),
                Map.entry("SPRING_RABBITMQ_HOST", "rabbitmq"), Map.entry("SPRING_RABBITMQ_PORT", "5672"),
                Map.entry("SPRING_RABBITMQ_USERNAME", "trading"), Map.entry("SPRING_RABBITMQ_PASSWORD", "trading"),
                Map.entry("MANAGEMENT_SERVER_PORT", "9100"), Map.entry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0"));
        assertThat(worker.volumes()).containsExactlyInAnyOrder("../config:/app/config:ro", "../plugins:/app/plugins:ro");
        assertThat(worker.settings().get("depends_on")).isEqualTo(Map.of(
                "postgres", Map.of("condition", "service_healthy"), "rabbitmq", Map.of("condition", "service_healthy")));
        assertThat(worker.settings().get("deploy")).isEqualTo(Map.of("replicas", 2));
    }
}
