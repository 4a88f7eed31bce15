package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containers started together on a new database (a fresh compose volume): every process runs
 * Flyway at start, the schema is migrated exactly once, the others wait for it and none fails.
 * Each process is a real JVM, as a container's would be.
 */
@DisabledIfSystemProperty(named = "test.database", matches = "postgresql", disabledReason = "the migration lock guards SQLite files; Flyway locks PostgreSQL itself")
class MigrationGuardIT {

    static final String SLOW_MIGRATION = "dev/tradingbatch/jobs/deploy/slowmigration";
    static final String WAITING = "waiting for another process to finish migrating the schema";

    @TempDir
    Path dir;

    @Test
    void shouldMigrateANewDatabaseExactlyOnceWhenSixProcessesStartTogether() throws Exception {
        startTogether(dir.resolve("six"), 6);
    }

    @Test
    void shouldMigrateExactlyOnceWhenTwoProcessesStartTogetherAgainAndAgain() throws Exception {
        for (int round = 0; round < 2; round++) {
            startTogether(dir.resolve("pair-" + round), 2);
        }
    }

    /**
     * Without the guard, a process whose busy timeout runs out while another migrates fails with
     * "database is locked"; with it, the others wait for the migration however long it takes.
     */
    @Test
    void shouldLetTheOthersWaitForAMigrationLongerThanTheirBusyTimeout() throws Exception {
        Path folder = dir.resolve("slow");
        Outcome outcome = startTogether(folder, 3, "?busy_timeout=500", Map.of(
                "spring.flyway.locations", "classpath:db/migration/{vendor},classpath:" + SLOW_MIGRATION,
                "slow.migration.millis", "6000",
                "logging.level.dev.tradingbatch.jobs.migrate", "INFO"));

        assertThat(outcome.versions()).endsWith("1000");
        CliRun db = new CliRun(folder);
        assertThat(db.count("SELECT COUNT(*) FROM slow_migration")).isEqualTo(1);
        assertThat(outcome.outputs()).as("some process waited for the migration (else the test proved nothing)")
                .anyMatch(o -> o.contains(WAITING));
        assertThat(db.database().resolveSibling("trading.db.migrate.lock")).exists().isEmptyFile();
    }

    private void startTogether(Path folder, int n) throws Exception {
        assertThat(startTogether(folder, n, "", Map.of()).versions()).containsExactlyElementsOf(shippedVersions());
    }

    /** The migrations applied, in order, and what each process printed. */
    private record Outcome(List<String> versions, List<String> outputs) {
    }

    /**
     * Starts {@code n} processes at once on a database folder that does not exist yet, each listing the
     * stored markets; checks each exits 0 printing only its answer (and the guard's wait, when logged),
     * and each migration was applied once.
     */
    private Outcome startTogether(Path folder, int n, String urlSettings, Map<String, String> more)
            throws Exception {
        CliRun db = new CliRun(folder);
        Map<String, String> properties = new HashMap<>(more);
        properties.put("spring.datasource.url", "jdbc:sqlite:" + db.database() + urlSettings);
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path log = folder.resolve("logs").resolve("process-" + i + ".log");
            logs.add(log);
            processes.add(ChildJvm.start(log, properties, "markets"));
        }

        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            String output = Files.readString(logs.get(i));
            outputs.add(output);
            assertThat(p.exitValue()).as("exit code of process %d:\n%s", i, output).isZero();
            assertThat(output.lines().filter(line -> !line.contains(WAITING)))
                    .as("output of process %d", i).containsExactly("no candles stored yet (see: backfill --help)");
        }
        List<Map<String, Object>> history = db.query(
                "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank");
        List<String> versions = history.stream().map(r -> String.valueOf(r.get("version"))).toList();
        assertThat(versions).as("each migration applied once, in order").doesNotHaveDuplicates()
                .startsWith(shippedVersions().toArray(String[]::new));
        assertThat(history).extracting(r -> r.get("success")).containsOnly(1);
        assertThat(db.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isZero();
        assertThat(db.query("PRAGMA journal_mode")).extracting(r -> r.get("journal_mode")).containsExactly("wal");
        return new Outcome(versions, outputs);
    }

    /** The versions of the SQLite migrations the application ships, in order (1, 2, ...). */
    private static List<String> shippedVersions() throws IOException {
        Resource[] scripts = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:db/migration/sqlite/V*__*.sql");
        return Arrays.stream(scripts)
                .map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
                .sorted(Comparator.comparingInt(Integer::parseInt))
                .toList();
    }
}
