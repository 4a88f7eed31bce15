package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn.Fault;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tradingbatch.jobs.live.LiveEvaluateTest.KEY;
import static dev.tradingbatch.jobs.live.LiveEvaluateTest.M5;
import static dev.tradingbatch.jobs.live.LiveEvaluateTest.MARKET;
import static dev.tradingbatch.jobs.live.LiveEvaluateTest.RSI;
import static dev.tradingbatch.jobs.live.LiveEvaluateTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code halt --close} against {@link BinanceSpotStandIn}: a live strategy's holding sold with exactly one market
 * sell, its intents not sent dropped, a lost answer asked for by the next {@code halt --close} (never sent twice); a
 * paper strategy's position sold on paper at the newest stored close.
 */
class HaltCloseTest {

    @TempDir
    Path dir;
    CliRun cli;
    BinanceSpotStandIn binance;
    List<Candle> candles;
    Fill buy;

    @BeforeEach
    void start() {
        binance = new BinanceSpotStandIn(KEY, SECRET).market("BTCUSDT", "BTC", "USDT", "1000")
                .balance("USDT", "10000");
        cli = new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name ->
                        Optional.ofNullable(Map.of("BINANCE_KEY", KEY, "BINANCE_SECRET", SECRET).get(name)))
                .with("trading.accounts.main.exchange", "binance")
                .with("trading.accounts.main.base-url", binance.baseUrl())
                .with("trading.accounts.main.api-key-env", "BINANCE_KEY")
                .with("trading.accounts.main.secret-env", "BINANCE_SECRET");
        declare("btc-live", "live");
        declare("btc-paper", "paper");
        assertThat(cli.run("markets").exitCode()).isZero();
        candles = BitstampSample.candles();
        cli.store(MARKET, candles);
        long first = candles.get(300).openTime();
        buy = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first, candles.getLast().openTime()).getFirst();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        evaluate("btc-live", first);
        evaluate("btc-paper", first);
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    private void declare(String id, String mode) {
        String key = "trading.strategies." + id + ".";
        cli.with(key + "exchange", "binance").with(key + "symbol", "BTC/USDT").with(key + "timeframe", "5m")
                .with(key + "type", "rsi").with(key + "stake", "100").with(key + "fee-rate", "0.001")
                .with(key + "slippage-bps", "5").with(key + "mode", mode).with(key + "account", "main");
        RSI.forEach((k, v) -> cli.with(key + "params." + k, v));
    }

    private CliRun.Result evaluate(String id, long openTime) {
        CliRun.Result r = cli.clock(at(openTime + M5 + 1000)).run("evaluate", "--strategy", id);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    /** The strategy holds what its buy, filled by the exchange at the candle's close, bought net of commission. */
    private void bought(String id) {
        binance.price("BTCUSDT", candle(buy.candleTime()).close().toPlainString());
        evaluate(id, buy.candleTime());
    }

    private CliRun.Result haltClose(String id, long at) {
        return cli.clock(at(at)).run("halt", "--strategy", id, "--close", "--reason", "closing time");
    }

    private long haltTime() {
        return buy.candleTime() + 3 * M5;
    }

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private Candle candle(long openTime) {
        return candles.stream().filter(c -> c.openTime() == openTime).findFirst().orElseThrow();
    }

    private BigDecimal held(String id) {
        return new BigDecimal(cli.queryForObject("SELECT quantity FROM strategy_trades WHERE strategy_id = ?"
                + " AND side = 'buy'", String.class, id));
    }

    @Test
    void shouldSellExactlyWhatTheLiveStrategyHoldsOnceAndShowTheClosedTrade() {
        bought("btc-live");
        BigDecimal held = held("btc-live");

        CliRun.Result r = haltClose("btc-live", haltTime());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String id = ClientOrderIds.close("btc-live", haltTime());
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side).containsExactly("BUY", "SELL");
        BinanceSpotStandIn.Order sell = binance.orders().getLast();
        assertThat(sell.clientOrderId()).isEqualTo(id);
        assertThat(sell.origQty()).isEqualByComparingTo(held);
        assertThat(binance.free("BTC")).as("the account holds nothing more").isEqualByComparingTo("0");
        assertThat(r.out()).contains("btc-live: halted since").contains("  btc-live: closed with a market sell of "
                + held.toPlainString() + " BTC (" + id + ", order " + sell.orderId() + "): accepted, FILLED");
        // one millisecond before the candle in progress at the halt: after the buy, before any trade after resume
        assertThat(cli.query("SELECT status, exchange_status, candle_time FROM live_orders WHERE client_order_id = ?",
                id)).containsExactly(Map.of("status", "accepted", "exchange_status", "FILLED",
                "candle_time", haltTime() - 1));
        List<Map<String, Object>> trades = cli.query("SELECT side, quantity, pnl FROM strategy_trades"
                + " WHERE strategy_id = 'btc-live' ORDER BY candle_time");
        assertThat(trades).extracting(t -> t.get("side")).containsExactly("buy", "sell");
        assertThat(new BigDecimal((String) trades.getLast().get("quantity"))).isEqualByComparingTo(held);
        assertThat(trades.getLast().get("pnl")).isNotNull();
        assertThat(cli.run("report", "--strategy", "btc-live").out()).contains("closed trades", "1 (");
        assertThat(r.out() + r.err()).doesNotContain(KEY, SECRET);

        CliRun.Result again = haltClose("btc-live", haltTime() + M5);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("  btc-live: nothing closed: nothing held in the strategy's own ledger");
        assertThat(binance.ordersTaken()).as("nothing more sent").isEqualTo(2);
    }

    @Test
    void shouldRejectAnIntentNotSentAndNeverSendIt() {
        String intent = ClientOrderIds.of("btc-live", buy.candleTime(), Side.BUY);
        // an order belongs to a recorded strategy (a foreign key, enforced on every connection on PostgreSQL)
        cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at,"
                + " updated_at) VALUES ('btc-live', 'rsi', 'binance', 'BTC/USDT', '5m', '{}', 0, 0)");
        cli.update("INSERT INTO live_orders (client_order_id, strategy_id, account, symbol, side, candle_time,"
                + " quote_quantity, status, sends, created_at, updated_at) VALUES (?, 'btc-live', 'main', 'BTC/USDT',"
                + " 'buy', ?, '100', 'intent', 0, ?, ?)", intent, buy.candleTime(), buy.candleTime(), buy.candleTime());

        CliRun.Result r = haltClose("btc-live", haltTime());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  btc-live: 1 intent not sent rejected (halted with --close); nothing closed:"
                + " nothing held");
        assertThat(cli.query("SELECT status, reason FROM live_orders WHERE client_order_id = ?", intent))
                .containsExactly(Map.of("status", "rejected", "reason", "halted with --close"));
        assertThat(binance.ordersTaken()).isZero();
        // halted: the next evaluation sends nothing either
        cli.clock(at(buy.candleTime() + M5 + 1000)).run("evaluate", "--strategy", "btc-live");
        assertThat(binance.ordersTaken()).isZero();
    }

    @Test
    void shouldKeepTheCloseToAskForWhenTheExchangeFailsAndSendItOnceOnTheRerun() {
        bought("btc-live");
        BigDecimal held = held("btc-live");
        binance.failNextOrder(Fault.UNAVAILABLE);

        CliRun.Result r = haltClose("btc-live", haltTime());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        String id = ClientOrderIds.close("btc-live", haltTime());
        assertThat(r.out()).contains("closed with a market sell of " + held.toPlainString() + " BTC (" + id
                + "): unknown", "halt --close again asks the exchange");
        assertThat(binance.ordersTaken()).isEqualTo(1);
        assertThat(cli.queryForObject("SELECT status FROM live_orders WHERE client_order_id = ?", String.class, id))
                .isEqualTo("unknown");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts WHERE strategy_id = 'btc-live'")).isEqualTo(1);

        CliRun.Result rerun = haltClose("btc-live", haltTime() + 60_000);

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("the close of an earlier halt --close of " + held.toPlainString() + " BTC ("
                + id);
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::clientOrderId)
                .containsExactly(ClientOrderIds.of("btc-live", buy.candleTime(), Side.BUY), id);
        assertThat(binance.free("BTC")).isEqualByComparingTo("0");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'btc-live' AND side = 'sell'"))
                .isEqualTo(1);
    }

    @Test
    void shouldSellAPaperPositionAtTheNewestStoredCloseAndCloseEveryStrategyWithAll() {
        bought("btc-paper");
        BigDecimal held = held("btc-paper");

        CliRun.Result r = cli.clock(at(haltTime())).run("halt", "--all", "--close");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("every strategy: halted since")
                .contains("  btc-live: nothing closed: nothing held in the strategy's own ledger");
        // priced at the newest candle closed at the halt, stamped as a live close: before the candle in progress
        Candle last = candle(haltTime() - M5);
        BigDecimal price = last.close().multiply(new BigDecimal("0.9995"));
        assertThat(r.out()).contains("  btc-paper: paper: sold " + held.toPlainString() + " at ",
                "of the candle of " + Instant.ofEpochMilli(last.openTime()), "report shows the position closed");
        Map<String, Object> sell = cli.query("SELECT price, quantity, candle_time, pnl FROM strategy_trades"
                + " WHERE strategy_id = 'btc-paper' AND side = 'sell'").getFirst();
        assertThat(new BigDecimal((String) sell.get("price"))).isEqualByComparingTo(price);
        assertThat(new BigDecimal((String) sell.get("quantity"))).isEqualByComparingTo(held);
        assertThat(((Number) sell.get("candle_time")).longValue()).isEqualTo(haltTime() - 1);
        assertThat(binance.ordersTaken()).as("a paper close sends nothing").isZero();
        assertThat(cli.run("report", "--strategy", "btc-paper").out()).contains("closed trades", "1 (");
    }

    @Test
    void shouldTradeAfterResumeFromTheHaltFlatAsAReplayFromThereWhenTheTraderLaggedBehindTheClose() {
        bought("btc-paper");
        // the trader evaluated up to its buy; the halt comes three candles later (it had not evaluated them)
        assertThat(haltClose("btc-paper", haltTime()).exitCode()).isZero();
        assertThat(cli.run("resume", "--strategy", "btc-paper").exitCode()).isZero();

        long until = haltTime() + 300 * M5;
        CliRun.Result r = evaluate("btc-paper", until);

        assertThat(r.out()).contains("halt --close sold the position after the evaluation up to the candle of "
                + Instant.ofEpochMilli(buy.candleTime()));
        List<String> expected = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), haltTime(), until).stream()
                .map(f -> f.candleTime() + " " + f.side().code()).toList();
        assertThat(expected).as("the replay from the halt trades").isNotEmpty();
        assertThat(expected.getFirst()).endsWith("buy");
        assertThat(cli.query("SELECT candle_time, side FROM strategy_trades WHERE strategy_id = 'btc-paper'"
                        + " AND candle_time >= ? ORDER BY candle_time", haltTime()))
                .extracting(t -> ((Number) t.get("candle_time")).longValue() + " " + t.get("side"))
                .as("flat after the close, then exactly the trades of a replay from the candle of the halt")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void shouldEvaluateNothingInTheCandleOfTheCloseAndStartAtTheNextOne() {
        bought("btc-paper");
        long halt = haltTime() + 60_000;   // within the candle of haltTime()
        assertThat(haltClose("btc-paper", halt).exitCode()).isZero();
        assertThat(cli.run("resume", "--strategy", "btc-paper").exitCode()).isZero();

        // the candle before the halt's closed: before the close, nothing to trade on
        assertThat(evaluate("btc-paper", haltTime() - M5).out()).doesNotContain("evaluating on");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'btc-paper'")).isEqualTo(2);
        assertThat(cli.query("SELECT candle_time FROM strategy_trades WHERE strategy_id = 'btc-paper'"
                + " AND side = 'sell'")).extracting(t -> ((Number) t.get("candle_time")).longValue())
                .containsExactly(haltTime() - 1);

        CliRun.Result next = evaluate("btc-paper", haltTime());
        assertThat(next.out()).contains("evaluating on, flat, from the candle of " + Instant.ofEpochMilli(haltTime()));
    }

    @Test
    void shouldOrderAfterResumeAsAReplayFromTheHaltAndNeverSellWhatTheCloseSold() {
        bought("btc-live");
        assertThat(haltClose("btc-live", haltTime()).exitCode()).isZero();
        assertThat(cli.run("resume", "--strategy", "btc-live").exitCode()).isZero();
        List<String> expected = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), haltTime(),
                haltTime() + 300 * M5).stream().map(f -> f.candleTime() + " " + f.side().code()).toList();
        assertThat(expected).isNotEmpty();
        long firstBuy = Long.parseLong(expected.getFirst().split(" ")[0]);
        binance.price("BTCUSDT", candle(firstBuy).close().toPlainString());

        CliRun.Result r = evaluate("btc-live", firstBuy);

        assertThat(r.out()).contains("evaluating on, flat, from the candle of " + Instant.ofEpochMilli(haltTime()));
        assertThat(cli.query("SELECT side, candle_time FROM live_orders WHERE strategy_id = 'btc-live'"
                        + " AND candle_time >= ? ORDER BY candle_time", haltTime()))
                .extracting(o -> ((Number) o.get("candle_time")).longValue() + " " + o.get("side"))
                .containsExactly(expected.getFirst());
    }
}
