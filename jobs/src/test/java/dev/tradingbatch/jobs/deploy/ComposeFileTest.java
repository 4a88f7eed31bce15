package dev.tradingbatch.jobs.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yaml} and {@code docker/Dockerfile} say what the deployment promises: a
 * backfiller and one trader per example strategy of {@code config/application.yml}, all on one
 * database volume, each with a healthcheck of its own role; and the image is what {@link LocalServices}
 * assumes when {@link ComposeTest} runs the services without Docker. {@code docker/compose.postgres.yaml}
 * moves that deployment to PostgreSQL and changes nothing else.
 */
class ComposeFileTest {

    @Test
    void shouldDeclareABackfillerAndATraderPerExampleStrategyOnOneVolume() throws IOException {
        ComposeFile compose = ComposeFile.read(ExampleConfig.REPO.resolve("docker/compose.yaml"));
        Map<String, Map<String, Object>> strategies = ExampleConfig.trading("strategies");

        Set<String> expected = new LinkedHashSet<>(List.of("backfiller"));
        strategies.keySet().forEach(id -> expected.add("trader-" + id));
        assertThat(compose.services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(compose.services().get("backfiller").command()).containsExactly("run", "--role", "backfiller");
        strategies.keySet().forEach(id -> assertThat(compose.services().get("trader-" + id).command())
                .containsExactly("run", "--role", "trader", "--strategy", id));
        assertThat(compose.volumes()).containsOnlyKeys("trading-data");
        for (ComposeFile.Service s : compose.services().values()) {
            assertThat(s.volumes()).as(s.name()).containsExactlyInAnyOrder("trading-data:/data", "../config:/app/config:ro");
            assertThat(s.environment()).as(s.name()).containsEntry("SPRING_DATASOURCE_URL", "jdbc:sqlite:/data/trading.db")
                    .containsEntry("HEALTH_ROLE", s.option("--role"));
            assertThat(s.environment().get("HEALTH_STRATEGY")).as(s.name()).isEqualTo(s.option("--strategy"));
            assertThat(s.settings().get("build")).as(s.name())
                    .isEqualTo(Map.of("context", "..", "dockerfile", "docker/Dockerfile"));
            assertThat(Duration.parse("PT" + s.settings().get("stop_grace_period")))
                    .as("%s: docker stop waits longer than the service's shutdown grace (30 s)", s.name())
                    .isGreaterThan(Duration.ofSeconds(30));
        }

        List<String> dockerfile = Files.readAllLines(ExampleConfig.REPO.resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:21-jdk AS build", "FROM eclipse-temurin:21-jre",
                "WORKDIR /app", "VOLUME /data", "USER trading", "ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]");
        assertThat(dockerfile).filteredOn(l -> l.contains("mvnw")).isNotEmpty();
        assertThat(String.join("\n", dockerfile))
                .as("the healthcheck LocalServices runs")
                .contains("HEALTHCHECK ")
                .contains("-jar /app/app.jar health --role \"$HEALTH_ROLE\" ${HEALTH_STRATEGY:+--strategy \"$HEALTH_STRATEGY\"}")
                .contains("SPRING_DATASOURCE_URL=jdbc:sqlite:/data/trading.db");
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
}
