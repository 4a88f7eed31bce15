package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ is for remote sweeps only: with {@code spring.rabbitmq.*} pointing at a port this test listens on, local
 * sweeps and other commands never connect there, and no RabbitMQ health check is registered (a health check of a
 * broker the process does not use would turn {@code /actuator/health} DOWN). {@code optimize --workers remote} does
 * connect, to the port configured; a broker that does not answer fails the sweep without the password in its output,
 * and the same sweep continues on local threads.
 */
class RabbitOnlyWhereUsedTest {

    static final String[] GRID = {"optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2",
            "--from", "2013-11-26", "--to", "2013-12-01"};
    static final String PASSWORD = "s3cret-rabbit-password";

    @TempDir
    Path dir;
    CliRun cli;
    ServerSocket broker;
    final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        broker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!broker.isClosed()) {
                try (Socket s = broker.accept()) {
                    connections.incrementAndGet();   // and closed at once: no broker here
                } catch (IOException e) {
                    return;
                }
            }
        });
        cli = BitstampSample.declare(new CliRun(dir), "rsi-bs-5m", "rsi",
                Map.of("period", "14", "oversold", "35", "overbought", "65"));
        cli.with("spring.rabbitmq.host", "127.0.0.1").with("spring.rabbitmq.port", broker.getLocalPort())
                .with("spring.rabbitmq.username", "sweeper").with("spring.rabbitmq.password", PASSWORD)
                .with("trading.sweep.remote-timeout", "5s");
        BitstampSample.importInto(cli);
    }

    @AfterEach
    void close() throws IOException {
        broker.close();
    }

    @Test
    void shouldNotConnectToRabbitMqOutsideRemoteSweeps() {
        CliRun.Result local = cli.run(GRID);
        assertThat(local.exitCode()).as(local.out() + local.err()).isZero();
        assertThat(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2", "--from", "2013-11-26",
                "--to", "2013-12-01", "--workers", "local", "--objective", "return").exitCode()).isZero();
        assertThat(cli.run("jobs", "list").exitCode()).isZero();
        assertThat(cli.run("schedule", "--role", "sweep-worker").exitCode()).isZero();
        try (ConfigurableApplicationContext app = cli.start()) {
            assertThat(app.getBeansOfType(HealthContributor.class).keySet()).noneMatch(name -> name.contains("rabbit"));
        }

        assertThat(connections.get()).as("connections to the RabbitMQ port").isZero();
    }

    @Test
    void shouldConnectForARemoteSweepAndFailItWithoutThePasswordWhenNoBrokerAnswers() {
        CliRun.Result remote = cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2",
                "--from", "2013-11-26", "--to", "2013-12-01", "--workers", "remote");

        assertThat(remote.exitCode()).as(remote.out() + remote.err()).isEqualTo(1);
        assertThat(remote.out()).contains("(FAILED, execution").contains("RabbitMQ at 127.0.0.1:" + broker.getLocalPort()
                + " did not take the partitions for queue trading-batch.sweep-partitions: ");
        assertThat(remote.out() + remote.err()).doesNotContain(PASSWORD);
        assertThat(connections.get()).as("connections to the RabbitMQ port").isPositive();
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results")).isZero();
        assertThat(cli.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS").toString())
                .doesNotContain(PASSWORD);
        // where the partitions ran is recorded, but does not identify the sweep: the same one may continue locally
        assertThat(cli.queryForObject("SELECT PARAMETER_VALUE || ' ' || IDENTIFYING FROM BATCH_JOB_EXECUTION_PARAMS"
                + " WHERE PARAMETER_NAME = 'workers'", String.class)).isEqualTo("remote N");
        // no partition left waiting for a request never sent: the same sweep continues on local threads
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED')"))
                .isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'optimizeSetsStep:%'"
                + " AND STATUS = 'FAILED'")).isPositive();
        CliRun.Result local = cli.run(GRID);
        assertThat(local.exitCode()).as(local.out() + local.err()).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results")).isEqualTo(4);
        assertThat(local.out()).contains("sweep sweep-2 (COMPLETED, execution 3, computed now)");
    }
}
