package dev.tradingbatch.jobs.ledger;

import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orders} on rows of {@code live_orders} recorded through the repository the sender uses. */
class OrdersCommandTest {

    static final long C1 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final long H = 3_600_000;

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void plantOrders() {
        cli = new CliRun(dir).with("trading.strategies.eth-paper.exchange", "binance")
                .with("trading.strategies.eth-paper.symbol", "ETH/USDT")
                .with("trading.strategies.eth-paper.timeframe", "1h")
                .with("trading.strategies.eth-paper.type", "rsi")
                .with("trading.strategies.eth-paper.stake", "100");
        try (ConfigurableApplicationContext app = cli.start()) {
            for (String id : new String[] {"btc-live", "sol-live"}) {
                cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at,"
                        + " updated_at) VALUES (?, 'rsi', 'binance', ?, '1h', '{}', 0, 0)", id,
                        id.startsWith("btc") ? "BTC/USDT" : "SOL/USDT");
            }
            LiveOrderRepository orders = app.getBean(LiveOrderRepository.class);
            orders.insertIntent(LiveOrder.intent("tb-1-b", "btc-live", "main", "BTC/USDT", Side.BUY, C1, null,
                    new BigDecimal("100"), C1 + H + 5_000));
            orders.record("tb-1-b", LiveOrder.ACCEPTED, "4711", "FILLED", new BigDecimal("0.00250000"),
                    new BigDecimal("100.00000000"), null, C1 + H + 6_000);
            orders.insertIntent(LiveOrder.intent("tb-2-s", "btc-live", "main", "BTC/USDT", Side.SELL, C1 + 2 * H,
                    new BigDecimal("0.0025"), null, C1 + 3 * H + 5_000));
            orders.record("tb-2-s", LiveOrder.REJECTED, null, null, null, null,
                    "-2010 Account has insufficient balance for requested action.", C1 + 3 * H + 6_000);
            orders.insertIntent(LiveOrder.intent("tb-3-b", "sol-live", "main", "SOL/USDT", Side.BUY, C1 + 3 * H, null,
                    new BigDecimal("50"), C1 + 4 * H + 5_000));
        }
    }

    @Test
    void shouldListEveryOrderNewestFirstWithWhatWasRequestedAndExecuted() {
        CliRun.Result r = cli.run("orders");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "CLIENT ORDER ID  STRATEGY  SYMBOL    SIDE  CANDLE                REQUESTED   EXECUTED                 "
                        + "STATUS    EXCHANGE STATUS  REASON",
                "tb-3-b           sol-live  SOL/USDT  buy   2026-12-01T13:00:00Z  50 USDT     -                        "
                        + "intent    -                -",
                "tb-2-s           btc-live  BTC/USDT  sell  2026-12-01T12:00:00Z  0.0025 BTC  -                        "
                        + "rejected  -                -2010 Account has insufficient balance for requested action.",
                "tb-1-b           btc-live  BTC/USDT  buy   2026-12-01T10:00:00Z  100 USDT    0.0025 BTC for 100 USDT  "
                        + "accepted  FILLED           -");
    }

    @Test
    void shouldFilterByStrategyAndStatus() {
        CliRun.Result btc = cli.run("orders", "--strategy", "btc-live");
        CliRun.Result open = cli.run("orders", "--status", "intent,unknown", "--status", "ACCEPTED");
        CliRun.Result none = cli.run("orders", "--strategy", "btc-live", "--status", "unknown");
        CliRun.Result declared = cli.run("orders", "--strategy", "eth-paper");

        assertThat(btc.out().lines().skip(1).map(l -> l.substring(0, 6))).containsExactly("tb-2-s", "tb-1-b");
        assertThat(open.out().lines().skip(1).map(l -> l.substring(0, 6))).containsExactly("tb-3-b", "tb-1-b");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("no live orders of btc-live in status unknown\n");
        assertThat(declared.exitCode()).isZero();
        assertThat(declared.out()).isEqualTo("no live orders of eth-paper\n");
    }

    @Test
    void shouldRefuseAStatusOrStrategyThatDoesNotExist() {
        CliRun.Result status = cli.run("orders", "--status", "filled");
        CliRun.Result strategy = cli.run("orders", "--strategy", "nope");

        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).isEqualTo("error: unknown --status 'filled' (expected intent, unknown, accepted,"
                + " rejected)\n");
        assertThat(strategy.exitCode()).isEqualTo(2);
        assertThat(strategy.err()).isEqualTo("error: unknown strategy 'nope' (declared: eth-paper)\n");
        assertThat(status.out()).isEmpty();
        assertThat(strategy.out()).isEmpty();
    }
}
