package dev.tradingbatch.jobs.ledger;

import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.live.EnvironmentVariables;
import dev.tradingbatch.model.LiveFill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.util.List;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code positions} against {@link BinanceSpotStandIn} with fake keys: each live strategy's position from its own
 * accepted orders, each account's real balances beside the sum of its ledgers; an account whose request fails says
 * so and shows no figures.
 */
class PositionsCommandTest {

    static final long C1 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final long H = 3_600_000;

    @TempDir
    Path dir;
    CliRun cli;
    BinanceSpotStandIn binance;

    @BeforeEach
    void start() {
        binance = new BinanceSpotStandIn("fake-key", "fake-secret").balance("BTC", "0.5015").balance("USDT", "900");
        cli = new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name -> Optional.ofNullable(Map.of(
                        "MAIN_KEY", "fake-key", "MAIN_SECRET", "fake-secret", "OTHER_KEY", "fake-key",
                        "OTHER_SECRET", "not-the-secret").get(name)));
        account("main", "MAIN");
        account("other", "OTHER");
        live("btc-live", "BTC/USDT", "main");
        live("eth-live", "ETH/USDT", "main");
        live("sol-live", "SOL/USDT", "other");
        live("idle-live", "BTC/USDT", "main");
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    private void account(String name, String env) {
        String key = "trading.accounts." + name + ".";
        cli.with(key + "exchange", "binance").with(key + "base-url", binance.baseUrl())
                .with(key + "api-key-env", env + "_KEY").with(key + "secret-env", env + "_SECRET");
    }

    private void live(String id, String symbol, String account) {
        String key = "trading.strategies." + id + ".";
        cli.with(key + "exchange", "binance").with(key + "symbol", symbol).with(key + "timeframe", "1h")
                .with(key + "type", "rsi").with(key + "stake", "100").with(key + "mode", "live")
                .with(key + "account", account);
    }

    private void plantOrders() {
        try (ConfigurableApplicationContext app = cli.start()) {
            for (String id : new String[] {"btc-live", "eth-live", "sol-live"}) {
                cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at,"
                        + " updated_at) VALUES (?, 'rsi', 'binance', ?, '1h', '{}', 0, 0)", id,
                        id.substring(0, 3).toUpperCase() + "/USDT");
            }
            LiveOrderRepository orders = app.getBean(LiveOrderRepository.class);
            filled(orders, "tb-1-b", "btc-live", "BTC/USDT", Side.BUY, C1, "0.00250000", "100.00000000");
            filled(orders, "tb-2-s", "btc-live", "BTC/USDT", Side.SELL, C1 + H, "0.00100000", "41.00000000");
            filled(orders, "tb-3-b", "eth-live", "ETH/USDT", Side.BUY, C1, "0.05000000", "100.00000000");
            filled(orders, "tb-4-b", "sol-live", "SOL/USDT", Side.BUY, C1, "1.00000000", "100.00000000");
            // the buy's commission, charged in the BTC bought, leaves it holding less; one in BNB moves no position
            LiveFillRepository fills = app.getBean(LiveFillRepository.class);
            fills.insertNew(List.of(
                    new LiveFill("main", "BTC/USDT", "11", "tb-1-b", Side.BUY, new BigDecimal("40000.00000000"),
                            new BigDecimal("0.00250000"), new BigDecimal("100.00000000"), new BigDecimal("0.00000250"),
                            "BTC", C1 + H),
                    new LiveFill("main", "ETH/USDT", "12", "tb-3-b", Side.BUY, new BigDecimal("2000.00000000"),
                            new BigDecimal("0.05000000"), new BigDecimal("100.00000000"), new BigDecimal("0.00012000"),
                            "BNB", C1 + H)));
            // neither an intent nor a rejected order moves a position
            orders.insertIntent(LiveOrder.intent("tb-5-b", "btc-live", "main", "BTC/USDT", Side.BUY, C1 + 2 * H, null,
                    new BigDecimal("100"), C1 + 3 * H));
            orders.insertIntent(LiveOrder.intent("tb-6-s", "eth-live", "main", "ETH/USDT", Side.SELL, C1 + H,
                    new BigDecimal("0.05"), null, C1 + 2 * H));
            orders.record("tb-6-s", LiveOrder.REJECTED, null, null, null, null, "-2010 insufficient balance",
                    C1 + 2 * H);
        }
    }

    private static void filled(LiveOrderRepository orders, String id, String strategy, String symbol, Side side,
                               long candle, String quantity, String quote) {
        orders.insertIntent(LiveOrder.intent(id, strategy, strategy.equals("sol-live") ? "other" : "main", symbol,
                side, candle, side == Side.SELL ? new BigDecimal(quantity) : null,
                side == Side.BUY ? new BigDecimal(quote) : null, candle + H));
        orders.record(id, LiveOrder.ACCEPTED, "1", "FILLED", new BigDecimal(quantity), new BigDecimal(quote), null,
                candle + H);
    }

    @Test
    void shouldShowEachPositionAndTheAccountsBalancesBesideTheSumOfItsLedgers() {
        plantOrders();

        CliRun.Result r = cli.run("positions");

        assertThat(r.out().lines()).containsExactly(
                "STRATEGY   ACCOUNT  SYMBOL    ORDERS  BOUGHT  SOLD   FEES       POSITION",
                "btc-live   main     BTC/USDT  2       0.0025  0.001  0.0000025  0.0014975 BTC",
                "eth-live   main     ETH/USDT  1       0.05    0      0          0.05 ETH",
                "idle-live  main     BTC/USDT  0       0       0      0          0 BTC",
                "sol-live   other    SOL/USDT  1       1       0      0          1 SOL",
                "",
                "account main: the exchange's balances (free + locked) beside the sum of its strategies' ledgers",
                "ASSET  EXCHANGE  LEDGERS    DIFFERENCE",
                "BTC    0.5015    0.0014975  0.5000025",
                "USDT   900       -          -",
                "ETH    0         0.05       -0.05",
                "",
                "account other: balances not known, the request failed: binance: asking for the account failed:"
                        + " HTTP 400 -1022 Signature for this request is not valid.");
        assertThat(r.exitCode()).as("an account's balances could not be had").isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("fake-secret").doesNotContain("not-the-secret");
        assertThat(binance.orders()).as("asking sends nothing").isEmpty();
    }

    @Test
    void shouldShowZeroPositionsOfLiveStrategiesWithoutOrdersAndExitZeroWhenEveryAccountAnswers() {
        cli.with("trading.strategies.sol-live.account", "main");

        CliRun.Result r = cli.run("positions");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines()).contains("btc-live   main     BTC/USDT  0       0       0     0     0 BTC",
                "BTC    0.5015    0        0.5015", "USDT   900       -        -", "SOL    0         0        0");
    }

    @Test
    void shouldSaySoWhenNoStrategyIsLive() {
        CliRun.Result r = new CliRun(dir.resolve("empty")).run("positions");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("no live strategies declared and no live orders recorded (docs/live.md)\n");
    }
}
