package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.BinanceSpotOrders;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn.Fault;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.tradingbatch.model.OpenTimes.iso;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live strategies evaluated on stored candles (the Bitstamp sample stored as Binance BTC/USDT 5m), their orders sent to
 * {@link BinanceSpotStandIn} (signatures checked, balances and fills kept): the stand-in receives exactly the orders
 * the signals decide, and live_orders, live_fills and strategy_trades hold what it filled.
 */
class LiveEvaluateTest {

    static final MarketKey MARKET = new MarketKey("binance", "BTC/USDT", Timeframe.M5);
    static final long M5 = Timeframe.M5.millis();
    static final Map<String, String> RSI = Map.of("period", "14", "oversold", "35", "overbought", "65");
    static final String KEY = "live-test-key";
    static final String SECRET = "live-test-secret";

    @TempDir
    Path dir;
    CliRun cli;
    BinanceSpotStandIn binance;
    List<Candle> candles;

    @BeforeEach
    void start() {
        binance = new BinanceSpotStandIn(KEY, SECRET).market("BTCUSDT", "BTC", "USDT", "1000")
                .balance("USDT", "10000").tradesPerFill(2).timeoutDelay(8000);
        cli = new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name ->
                        Optional.ofNullable(Map.of("BINANCE_KEY", KEY, "BINANCE_SECRET", SECRET).get(name)))
                .with("trading.accounts.main.exchange", "binance")
                .with("trading.accounts.main.base-url", binance.baseUrl())
                .with("trading.accounts.main.api-key-env", "BINANCE_KEY")
                .with("trading.accounts.main.secret-env", "BINANCE_SECRET")
                .with("trading.exchanges.binance.read-timeout", "4s");
        declare("btc-live", RSI);
        // the first request of a JVM is slow (class loading): not the timeout under test
        new BinanceSpotOrders(binance.baseUrl(), new ApiCredentials(KEY, SECRET), Clock.systemUTC(),
                HttpTimeouts.DEFAULT).balances();
        assertThat(cli.run("markets").exitCode()).isZero();
        candles = BitstampSample.candles();
        cli.store(MARKET, candles);
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    private void declare(String id, Map<String, String> params) {
        String key = "trading.strategies." + id + ".";
        cli.with(key + "exchange", "binance").with(key + "symbol", "BTC/USDT").with(key + "timeframe", "5m")
                .with(key + "type", "rsi").with(key + "stake", "100").with(key + "fee-rate", "0.001")
                .with(key + "slippage-bps", "5").with(key + "mode", "live").with(key + "account", "main");
        params.forEach((k, v) -> cli.with(key + "params." + k, v));
    }

    private CliRun.Result evaluate(String id, long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", id);
    }

    /** What the strategy's signals are from the candle {@code first} on: the paper trader's fills. */
    private List<Fill> signals(Map<String, String> params, long first, int count) {
        List<Fill> all = BitstampSample.fills(candles, StrategySpec.of("rsi", params), first,
                candles.getLast().openTime());
        return all.subList(0, count);
    }

    private Candle candle(long openTime) {
        return candles.stream().filter(c -> c.openTime() == openTime).findFirst().orElseThrow();
    }

    /** The exchange's price is the close of the candle being evaluated. */
    private void priceAt(long openTime) {
        binance.price("BTCUSDT", candle(openTime).close().toPlainString());
    }

    @Test
    void shouldSendTheOrdersTheSignalsDecideAndKeepTheLedgerTheExchangeFilled() {
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        List<Fill> signals = signals(RSI, first, 4);
        assertThat(signals).extracting(Fill::side).containsExactly(Side.BUY, Side.SELL, Side.BUY, Side.SELL);

        List<String> outputs = new ArrayList<>();
        for (Fill signal : signals) {
            priceAt(signal.candleTime());
            CliRun.Result r = evaluate("btc-live", signal.candleTime());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            outputs.add(r.out());
        }

        // the exchange received exactly the orders of the signals, under their client order ids
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::clientOrderId).containsExactlyElementsOf(
                signals.stream().map(f -> ClientOrderIds.of("btc-live", f.candleTime(), f.side())).toList());
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side)
                .containsExactly("BUY", "SELL", "BUY", "SELL");
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::status).containsOnly("FILLED");
        // a buy spends the stake; a sell sells what the buy left the strategy (net of the commission in BTC)
        BinanceSpotStandIn.Order buy = binance.orders().get(0);
        BinanceSpotStandIn.Order sell = binance.orders().get(1);
        assertThat(buy.origQuoteQty()).isEqualByComparingTo("100");
        BigDecimal bought = buy.executedQty();
        BigDecimal commission = bought.divide(new BigDecimal(2), 5, RoundingMode.DOWN).multiply(new BigDecimal("0.001"))
                .setScale(8, RoundingMode.HALF_UP).add(bought.subtract(bought.divide(new BigDecimal(2), 5,
                        RoundingMode.DOWN)).multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.HALF_UP));
        BigDecimal held = bought.subtract(commission);
        assertThat(sell.origQty()).isEqualByComparingTo(held);
        // the account's BTC is what the strategy holds: nothing, after two round trips
        assertThat(binance.free("BTC")).isEqualByComparingTo("0");

        List<Map<String, Object>> orders = cli.query("SELECT client_order_id, side, status, exchange_status,"
                + " executed_quantity, model_price FROM live_orders WHERE strategy_id = 'btc-live' ORDER BY candle_time");
        assertThat(orders).extracting(o -> o.get("status")).containsOnly("accepted");
        assertThat(orders).extracting(o -> o.get("exchange_status")).containsOnly("FILLED");
        assertThat(orders).extracting(o -> new BigDecimal((String) o.get("model_price")))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(signals.stream().map(Fill::price).toList());
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).as("two trades per order").isEqualTo(8);

        List<Map<String, Object>> trades = cli.query("SELECT side, price, quantity, fee, candle_time, pnl"
                + " FROM strategy_trades WHERE strategy_id = 'btc-live' AND run_id = 'live' ORDER BY candle_time");
        assertThat(trades).extracting(t -> ((Number) t.get("candle_time")).longValue())
                .containsExactlyElementsOf(signals.stream().map(Fill::candleTime).toList());
        Map<String, Object> buyRow = trades.get(0);
        BigDecimal buyPrice = candle(signals.get(0).candleTime()).close();
        assertThat(new BigDecimal((String) buyRow.get("price"))).isEqualByComparingTo(buyPrice);
        assertThat(new BigDecimal((String) buyRow.get("quantity"))).isEqualByComparingTo(held);
        assertThat(new BigDecimal((String) buyRow.get("fee"))).isEqualByComparingTo(commission.multiply(buyPrice));
        Map<String, Object> sellRow = trades.get(1);
        // the sell brought what its trades say (Binance's 8 decimals), less their USDT commission
        List<Map<String, Object>> sellFills = cli.query("SELECT quote_quantity, commission, commission_asset"
                + " FROM live_fills WHERE client_order_id = ?", sell.clientOrderId());
        BigDecimal sellQuote = sellFills.stream().map(f -> new BigDecimal((String) f.get("quote_quantity")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sellFee = sellFills.stream().map(f -> new BigDecimal((String) f.get("commission")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sellFills).extracting(f -> f.get("commission_asset")).containsOnly("USDT");
        assertThat(new BigDecimal((String) sellRow.get("quantity"))).isEqualByComparingTo(held);
        assertThat(new BigDecimal((String) sellRow.get("fee"))).isEqualByComparingTo(sellFee);
        assertThat(new BigDecimal((String) sellRow.get("pnl"))).isEqualByComparingTo(
                sellQuote.subtract(sellFee).subtract(bought.multiply(buyPrice)));

        assertThat(outputs.get(0)).contains("order buy for 100 USDT on the candle of", "accepted, FILLED").contains("1 trade");

        // the credentials are never printed, nor kept with the runs (parameters, contexts, messages) or in requests
        assertThat(String.join("\n", outputs)).doesNotContain(KEY, SECRET);
        assertThat(cli.query("SELECT * FROM BATCH_JOB_EXECUTION_PARAMS").toString()
                + cli.query("SELECT * FROM BATCH_JOB_EXECUTION_CONTEXT") + cli.query("SELECT * FROM BATCH_STEP_EXECUTION")
                + cli.query("SELECT * FROM live_orders")).doesNotContain(KEY, SECRET);
        assertThat(binance.requests()).allSatisfy(request -> assertThat(request.getUrl() + request.getBodyAsString())
                .doesNotContain(KEY, SECRET));

        // the same candle again: nothing new, nothing sent
        CliRun.Result again = evaluate("btc-live", signals.getLast().candleTime());
        assertThat(again.out()).contains("nothing new");
        assertThat(binance.ordersTaken()).isEqualTo(4);

        // Query 2 and report work on the live ledger as on a paper one
        CliRun.Result report = cli.run("report", "--strategy", "btc-live");
        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(report.out()).contains("closed trades", "2 (").contains("total_trades 4")
                .contains("4 orders filled", "bps from the modelled price");

        // drift: a replay as declared makes the same trades on the same candles; the real fills beside the modelled prices
        CliRun.Result drift = cli.run("drift", "--strategy", "btc-live");
        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();
        assertThat(drift.out()).contains("  drift score        0.00 % (4 matched, 0 only live, 0 only replay)",
                "fills against the modelled price");
        for (int i = 0; i < signals.size(); i++) {
            Fill signal = signals.get(i);
            BigDecimal filled = new BigDecimal((String) trades.get(i).get("price"));
            BigDecimal bps = filled.subtract(signal.price()).multiply(BigDecimal.valueOf(10_000))
                    .divide(signal.price(), 2, RoundingMode.HALF_EVEN);
            assertThat(drift.out()).contains("  " + OpenTimes.iso(signal.candleTime()) + " "
                    + (signal.side() == Side.BUY ? "buy  " : "sell ") + filled.toPlainString() + "  "
                    + signal.price().toPlainString() + "  "
                    + (signal.side() == Side.BUY ? bps : bps.negate()).toPlainString() + " bps");
        }

        // the metrics count its orders by status, as live_orders holds them (one query per scrape)
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        cli.update("UPDATE live_orders SET status = 'rejected', reason = 'test' WHERE client_order_id = ?",
                binance.orders().getLast().clientOrderId());
        try (var ctx = cli.bean("meterRegistry", meters).start()) {
            ctx.getBean(dev.tradingbatch.jobs.metrics.FleetGauges.class).register(List.of(new dev.tradingbatch.jobs
                    .schedule.PlannedRun(dev.tradingbatch.jobs.schedule.PlannedRun.Kind.EVALUATE, MARKET, "btc-live",
                    java.time.Duration.ofMinutes(5), null, Instant.EPOCH, List.of(), null)));
            for (String status : List.of("intent", "unknown", "accepted", "rejected")) {
                assertThat(meters.get("trading.strategy.orders").tags("strategy", "btc-live", "status", status)
                        .gauge().value()).as(status).isEqualTo(cli.count("SELECT COUNT(*) FROM live_orders"
                        + " WHERE strategy_id = 'btc-live' AND status = ?", status));
            }
            assertThat(meters.get("trading.strategy.orders").tags("strategy", "btc-live", "status", "accepted")
                    .gauge().value()).isEqualTo(3);
        }
        cli.update("UPDATE live_orders SET status = 'accepted', reason = NULL WHERE client_order_id = ?",
                binance.orders().getLast().clientOrderId());

        // a replay of a live strategy trades on paper: its own run id, no order
        CliRun.Result replay = cli.run("replay", "--strategy", "btc-live", "--from", String.valueOf(first),
                "--to", String.valueOf(signals.getLast().candleTime() + M5), "--allow-gaps");
        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id <> 'live'")).isPositive();
        assertThat(cli.count("SELECT COUNT(*) FROM live_orders")).isEqualTo(4);
        assertThat(binance.ordersTaken()).isEqualTo(4);
    }

    @Test
    void shouldValueACommissionChargedInBnbAtItsPriceInTheTradesFeeAndWaitWhenThatPriceIsNotAnswered() {
        binance.market("BNBUSDT", "BNB", "USDT", "300.5").balance("BNB", "1").feesIn("BNB").klinesUnavailable(true);
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        List<Fill> signals = signals(RSI, first, 2);
        priceAt(signals.get(0).candleTime());

        // the buy is filled, but the price to value its BNB commission is not answered: not settled, nothing guessed
        CliRun.Result waiting = evaluate("btc-live", signals.get(0).candleTime());
        assertThat(waiting.out() + waiting.err()).contains("price of BNB/USDT at", "HTTP 503");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'btc-live'")).isZero();
        assertThat(binance.orders()).hasSize(1);

        // answered when the evaluation is run again: the buy settled, once, then the sell on its candle
        binance.klinesUnavailable(false);
        CliRun.Result settled = evaluate("btc-live", signals.get(0).candleTime());
        assertThat(settled.exitCode()).as(settled.out() + settled.err()).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = 'btc-live'")).isEqualTo(1);
        assertThat(binance.ordersTaken()).isEqualTo(1);
        priceAt(signals.get(1).candleTime());
        CliRun.Result r = evaluate("btc-live", signals.get(1).candleTime());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side).containsExactly("BUY", "SELL");

        BinanceSpotStandIn.Order buy = binance.orders().get(0);
        List<Map<String, Object>> trades = cli.query("SELECT side, price, quantity, fee, pnl FROM strategy_trades"
                + " WHERE strategy_id = 'btc-live' ORDER BY candle_time");
        assertThat(trades).extracting(t -> t.get("side")).containsExactly("buy", "sell");
        BigDecimal bnbPrice = new BigDecimal("300.5");
        for (int i = 0; i < 2; i++) {
            String id = binance.orders().get(i).clientOrderId();
            List<Map<String, Object>> fills = cli.query("SELECT commission, commission_asset FROM live_fills"
                    + " WHERE client_order_id = ?", id);
            assertThat(fills).extracting(f -> f.get("commission_asset")).containsOnly("BNB");
            BigDecimal bnb = fills.stream().map(f -> new BigDecimal((String) f.get("commission")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal((String) trades.get(i).get("fee"))).as("fee of " + id)
                    .isEqualByComparingTo(bnb.multiply(bnbPrice));
        }
        // a commission in BNB leaves the coins bought whole: the sell sells all of them
        assertThat(new BigDecimal((String) trades.get(0).get("quantity"))).isEqualByComparingTo(buy.executedQty());
        assertThat(binance.orders().get(1).origQty()).isEqualByComparingTo(buy.executedQty());
        BigDecimal pnl = binance.orders().get(1).cumulativeQuote().subtract(new BigDecimal((String) trades.get(1)
                .get("fee"))).subtract(buy.cumulativeQuote()).subtract(new BigDecimal((String) trades.get(0).get("fee")));
        assertThat(new BigDecimal((String) trades.get(1).get("pnl"))).isEqualByComparingTo(pnl);
        assertThat(binance.free("BTC")).isEqualByComparingTo("0");
        assertThat(binance.free("BNB")).isLessThan(BigDecimal.ONE);
    }

    /**
     * A buy sent and filled whose BNB commission cannot be priced (not settled), the run before its candle completed
     * (the trader runs every candle); the candles of the first two signals: the buy's and its sell's.
     */
    private long[] buyNotSettled() {
        binance.market("BNBUSDT", "BNB", "USDT", "300.5").balance("BNB", "1").feesIn("BNB").klinesUnavailable(true);
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        List<Fill> signals = signals(RSI, first, 2);
        long buyCandle = signals.get(0).candleTime();
        assertThat(evaluate("btc-live", buyCandle - M5).exitCode()).isZero();
        priceAt(buyCandle);
        assertThat(evaluate("btc-live", buyCandle).exitCode()).isNotZero();
        return new long[] {buyCandle, signals.get(1).candleTime()};
    }

    @Test
    void shouldSellWhatItsBuyBroughtOnceThatBuySettlesWhenTheSellWasDecidedBefore() {
        long[] at = buyNotSettled();
        long buyCandle = at[0];
        long sellCandle = at[1];

        // the sell is decided while the buy's fills cannot be valued (the run evaluating the buy's candle again, its
        // buy already committed and sent): committed unsized, not sent, neither refused nor taken for a round trip
        priceAt(sellCandle);
        CliRun.Result decided = evaluate("btc-live", sellCandle);
        assertThat(decided.exitCode()).isNotZero();
        assertThat(decided.out() + decided.err()).contains("waits for the buy of the candle of " + iso(buyCandle))
                .doesNotContain("nothing held", "round trip");
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side).containsExactly("BUY");
        assertThat(cli.query("SELECT quantity, status FROM live_orders WHERE side = 'sell'")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("quantity", "0").containsEntry("status", "intent"));
        CliRun.Result listed = cli.run("orders", "--strategy", "btc-live");
        assertThat(listed.out()).contains("what it holds once its buy settles");

        // answered: the buy settles, then the sell is sized with what it bought and sent in the same pass
        binance.klinesUnavailable(false);
        CliRun.Result r = evaluate("btc-live", sellCandle);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side).containsExactly("BUY", "SELL");
        assertThat(binance.orders().get(1).clientOrderId()).isEqualTo(ClientOrderIds.of("btc-live", sellCandle,
                Side.SELL));
        assertThat(binance.orders().get(1).origQty()).isEqualByComparingTo(binance.orders().get(0).executedQty());
        assertThat(binance.free("BTC")).isEqualByComparingTo("0");
        assertThat(cli.query("SELECT side, candle_time FROM strategy_trades WHERE strategy_id = 'btc-live'"
                + " ORDER BY candle_time")).extracting(t -> t.get("side")).containsExactly("buy", "sell");

        // evaluated again: nothing more sent
        assertThat(evaluate("btc-live", sellCandle).exitCode()).isZero();
        assertThat(binance.ordersTaken()).isEqualTo(2);
    }

    @Test
    void shouldCarryABuyNotSettledYetIntoASegmentThatStartsAnewAndSellIt() {
        long[] at = buyNotSettled();
        long buyCandle = at[0];
        long sellCandle = at[1];

        // the declaration changes (not its signals) while the buy is not settled: a new segment starts at the sell's
        // candle, carrying the buy the ledger will hold, so the sell is still signalled
        cli.with("trading.strategies.btc-live.fee-rate", "0.0011");
        priceAt(sellCandle);
        CliRun.Result decided = evaluate("btc-live", sellCandle);
        assertThat(decided.out() + decided.err()).contains("waits for the buy of the candle of " + iso(buyCandle));
        assertThat(cli.query("SELECT quantity, status FROM live_orders WHERE side = 'sell'")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("quantity", "0").containsEntry("status", "intent"));

        binance.klinesUnavailable(false);
        CliRun.Result r = evaluate("btc-live", sellCandle);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side).containsExactly("BUY", "SELL");
        assertThat(binance.orders().get(1).origQty()).isEqualByComparingTo(binance.orders().get(0).executedQty());
        assertThat(binance.free("BTC")).isEqualByComparingTo("0");
    }

    @Test
    void shouldRecordWhatAPartlyFilledOrderBoughtAndSellThatOnly() {
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        List<Fill> signals = signals(RSI, first, 2);
        binance.liquidity("BTCUSDT", "0.05");   // the stake would buy about 0.12: 0.05 fills, the rest expires

        for (Fill signal : signals) {
            priceAt(signal.candleTime());
            CliRun.Result r = evaluate("btc-live", signal.candleTime());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        }

        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::status).containsExactly("EXPIRED", "FILLED");
        BigDecimal held = new BigDecimal("0.05").subtract(new BigDecimal("0.00005"));   // less 0.1 % in BTC
        assertThat(binance.orders().get(1).origQty()).isEqualByComparingTo(held);
        assertThat(cli.query("SELECT side, quantity FROM strategy_trades WHERE run_id = 'live' ORDER BY candle_time"))
                .extracting(t -> t.get("side"), t -> new BigDecimal((String) t.get("quantity")).stripTrailingZeros())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("buy", held.stripTrailingZeros()),
                        org.assertj.core.groups.Tuple.tuple("sell", held.stripTrailingZeros()));
        assertThat(binance.free("BTC")).isEqualByComparingTo("0");
    }

    @Test
    void shouldEndWithOneOrderWhenTheAnswerTimesOutAfterTheExchangeTookIt() {
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        Fill buy = signals(RSI, first, 1).getFirst();
        priceAt(buy.candleTime());
        binance.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT).firstTradeId(9_007_199_254_740_993L);   // 2^53 + 1

        CliRun.Result failed = evaluate("btc-live", buy.candleTime());

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isNotZero();
        assertThat(failed.out() + failed.err()).contains("FAILED", "not settled yet", "(buy): unknown");
        assertThat(cli.query("SELECT status FROM live_orders")).extracting(o -> o.get("status")).containsExactly("unknown");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();

        CliRun.Result restarted = evaluate("btc-live", buy.candleTime());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(binance.ordersTaken()).as("asked, not sent again").isEqualTo(1);
        assertThat(cli.query("SELECT status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "accepted").containsEntry("sends", 1));
        assertThat(cli.query("SELECT trade_id FROM live_fills ORDER BY traded_at, trade_id"))
                .extracting(f -> f.get("trade_id")).as("Binance's ids beyond 2^53, every digit kept, as text")
                .containsExactly("9007199254740993", "9007199254740994");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isEqualTo(1);
    }

    @Test
    void shouldNotSendABuyDecidedTooLateAfterItsCandleAndLeaveTheLedgerUnchanged() {
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        Fill buy = signals(RSI, first, 1).getFirst();
        assertThat(evaluate("btc-live", buy.candleTime() - M5).exitCode()).isZero();
        priceAt(buy.candleTime());

        // the trader was late: it evaluates the buy's candle 5 min 1 s after its close, two candles and a second after
        // it opened, beyond the default bound of two 5m candles
        CliRun.Result late = cli.clock(Clock.fixed(Instant.ofEpochMilli(buy.candleTime() + 2 * M5 + 1000),
                ZoneOffset.UTC)).run("evaluate", "--strategy", "btc-live");

        assertThat(late.exitCode()).as(late.out() + late.err()).isZero();
        assertThat(late.out()).contains("(" + ClientOrderIds.of("btc-live", buy.candleTime(), Side.BUY)
                + "): rejected (not sent: stale, its candle of ").contains("opened more than 10m");
        assertThat(late.out()).as("the output says what became of the signal").contains("2 candles evaluated");
        assertThat(binance.ordersTaken()).isZero();
        assertThat(binance.free("USDT")).isEqualByComparingTo("10000");
        assertThat(cli.query("SELECT status, sends FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "rejected").containsEntry("sends", 0));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isZero();
    }

    @Test
    void shouldSendABuyDecidedLateWhenTheBoundAllowsIt() {
        cli.with("trading.live.max-intent-age", "1h");
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        Fill buy = signals(RSI, first, 1).getFirst();
        assertThat(evaluate("btc-live", buy.candleTime() - M5).exitCode()).isZero();
        priceAt(buy.candleTime());

        CliRun.Result late = cli.clock(Clock.fixed(Instant.ofEpochMilli(buy.candleTime() + 2 * M5 + 1000),
                ZoneOffset.UTC)).run("evaluate", "--strategy", "btc-live");

        assertThat(late.exitCode()).as(late.out() + late.err()).isZero();
        assertThat(binance.ordersTaken()).as(late.out()).isEqualTo(1);
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isEqualTo(1);
    }

    @Test
    void shouldKeepEachLedgerOfTwoStrategiesOnOneAccountAndSymbolAndNeverSellTheOthersCoins() {
        // the same entry, a later exit: both buy on the same candle, btc-live sells while btc-hold still holds
        Map<String, String> later = Map.of("period", "14", "oversold", "35", "overbought", "75");
        declare("btc-hold", later);
        long first = candles.get(300).openTime();
        List<Fill> live = signals(RSI, first, 4);
        long through = live.getLast().candleTime();
        List<Fill> hold = BitstampSample.fills(candles, StrategySpec.of("rsi", later), first, through);
        Map<String, List<Fill>> signals = Map.of("btc-live", live, "btc-hold", hold);
        assertThat(overlaps(hold, live)).as(signals.toString()).isTrue();
        List<Long> times = signals.values().stream().flatMap(List::stream).map(Fill::candleTime).distinct().sorted()
                .toList();
        for (String id : signals.keySet()) {
            assertThat(evaluate(id, first).exitCode()).isZero();
        }

        for (long t : times) {
            priceAt(t);
            for (String id : List.of("btc-live", "btc-hold")) {
                CliRun.Result r = evaluate(id, t);
                assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            }
            // the account holds what the two ledgers hold together
            assertThat(binance.free("BTC")).as("after the candle of " + Instant.ofEpochMilli(t))
                    .isEqualByComparingTo(held("btc-live").add(held("btc-hold")));
        }

        for (String id : signals.keySet()) {
            List<Map<String, Object>> trades = cli.query("SELECT side, quantity, candle_time FROM strategy_trades"
                    + " WHERE strategy_id = ? AND run_id = 'live' ORDER BY candle_time", id);
            assertThat(trades).extracting(t -> ((Number) t.get("candle_time")).longValue()).as(id)
                    .containsExactlyElementsOf(signals.get(id).stream().map(Fill::candleTime).toList());
            // each sell sells exactly what that strategy's own buy left it
            for (int i = 0; i + 1 < trades.size(); i += 2) {
                assertThat(new BigDecimal((String) trades.get(i + 1).get("quantity"))).as(id + " round trip " + i / 2)
                        .isEqualByComparingTo(new BigDecimal((String) trades.get(i).get("quantity")));
            }
            BigDecimal open = trades.size() % 2 == 0 ? BigDecimal.ZERO
                    : new BigDecimal((String) trades.getLast().get("quantity"));
            assertThat(held(id)).as(id + " holds its open position only").isEqualByComparingTo(open);
        }
        assertThat(binance.orders()).hasSize(live.size() + hold.size());
    }

    @Test
    void shouldNotSendABuyBeyondTheStrategysMaxPositionNorTheAccountsMaxStake() {
        cli.with("trading.strategies.btc-live.max-position", "0.01");
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        Fill buy = signals(RSI, first, 1).getFirst();
        priceAt(buy.candleTime());

        CliRun.Result r = evaluate("btc-live", buy.candleTime());

        // 100 USDT buys about 0.1 BTC at a price near 1000
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("max-position: a buy of about 0.").contains(", the limit is 0.01");
        assertThat(binance.orders()).isEmpty();
        assertThat(cli.count("SELECT COUNT(*) FROM live_orders")).isZero();

        // the same buy under an account whose max-stake is below the stake
        cli.with("trading.strategies.btc-live.max-position", "10").with("trading.accounts.main.max-stake", "99.99");
        CliRun.Result again = cli.clock(Clock.fixed(Instant.ofEpochMilli(buy.candleTime() + M5 + 1000),
                ZoneOffset.UTC)).run("evaluate", "--strategy", "btc-live");
        assertThat(again.out() + again.err()).doesNotContain("max-position");
        declare("btc-live-2", RSI);
        cli.with("trading.strategies.btc-live-2.max-position", "10");
        assertThat(evaluate("btc-live-2", first).exitCode()).isZero();
        CliRun.Result second = evaluate("btc-live-2", buy.candleTime());
        assertThat(second.out()).contains("the account's max-stake: its open positions and unsettled buys hold 0, "
                + "with this buy's 100 beyond the limit 99.99");
        assertThat(binance.orders()).isEmpty();
    }

    @Test
    void shouldSpendNoMoreThanWhatIsLeftOfTheStrategysAllocationAndReconcileTheQuoteCurrency() {
        cli.with("trading.strategies.btc-live.allocation", "100");
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        List<Fill> signals = signals(RSI, first, 3);
        // the buy spends the whole allocation; the sell, 10 % lower, brings back less than it spent
        priceAt(signals.get(0).candleTime());
        assertThat(evaluate("btc-live", signals.get(0).candleTime()).exitCode()).isZero();
        BigDecimal bought = candle(signals.get(0).candleTime()).close();
        binance.price("BTCUSDT", bought.multiply(new BigDecimal("0.9")).toPlainString());
        assertThat(evaluate("btc-live", signals.get(1).candleTime()).exitCode()).isZero();
        assertThat(binance.orders()).extracting(BinanceSpotStandIn.Order::side).containsExactly("BUY", "SELL");
        BinanceSpotStandIn.Order buy = binance.orders().get(0);
        BinanceSpotStandIn.Order sell = binance.orders().get(1);
        BigDecimal sellFee = cli.query("SELECT commission FROM live_fills WHERE client_order_id = ?"
                        + " AND commission_asset = 'USDT'", sell.clientOrderId()).stream()
                .map(f -> new BigDecimal((String) f.get("commission"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal left = new BigDecimal("100").subtract(buy.cumulativeQuote()).add(sell.cumulativeQuote())
                .subtract(sellFee);
        assertThat(left).isLessThan(new BigDecimal("100"));

        priceAt(signals.get(2).candleTime());
        CliRun.Result r = evaluate("btc-live", signals.get(2).candleTime());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("allocation: " + left.stripTrailingZeros().toPlainString() + " USDT left of 100"
                + " (after its buys, unfinished ones included, what its sells brought back and quote fees), the buy"
                + " needs 100");
        assertThat(binance.orders()).as("the second buy is not sent").hasSize(2);

        // positions: what is left of it beside the position, and in the account's USDT the ledgers track
        CliRun.Result positions = cli.run("positions");
        assertThat(positions.out()).contains("ALLOCATION LEFT")
                .contains(left.stripTrailingZeros().toPlainString() + " USDT");
        assertThat(positions.out()).containsPattern("USDT +" + binance.free("USDT").stripTrailingZeros()
                .toPlainString().replace(".", "\\.") + " +" + left.stripTrailingZeros().toPlainString()
                .replace(".", "\\.") + " ");
        // an account that holds less USDT than the allocations left is a shortfall
        binance.balance("USDT", "50");
        CliRun.Result reconcile = cli.run("reconcile");
        assertThat(reconcile.out()).contains("SHORTFALL USDT: the exchange holds 50, the ledgers "
                + left.stripTrailingZeros().toPlainString() + ", "
                + left.subtract(new BigDecimal("50")).stripTrailingZeros().toPlainString() + " short");
    }

    @Test
    void shouldRefuseAnAllocationBelowTheStakeOrOnAPaperStrategyInOneLine() {
        cli.with("trading.strategies.btc-live.allocation", "99");
        CliRun.Result below = cli.run("evaluate", "--strategy", "btc-live");
        assertThat(below.exitCode()).isEqualTo(2);
        assertThat(below.err()).isEqualTo("error: strategy 'btc-live': allocation 99 is below the stake 100: no buy"
                + " could ever be sent\n");
        cli.with("trading.strategies.btc-live.allocation", "1000").with("trading.strategies.btc-live.mode", "paper");
        CliRun.Result paper = cli.run("evaluate", "--strategy", "btc-live");
        assertThat(paper.exitCode()).isEqualTo(2);
        assertThat(paper.err()).startsWith("error: strategy 'btc-live': allocation a risk limit is for a live");
        assertThat(cli.count("SELECT COUNT(*) FROM live_orders")).isZero();
    }

    @Test
    void shouldHaltItselfWhenItsDailyLossIsReachedAndSendNothing() {
        cli.with("trading.strategies.btc-live.max-daily-loss", "5");
        long first = candles.get(300).openTime();
        assertThat(evaluate("btc-live", first).exitCode()).isZero();
        Fill buy = signals(RSI, first, 1).getFirst();
        // a round trip that lost 5.25 USDT settled earlier the same UTC day
        long executed = buy.candleTime() + M5 - 60_000;
        SingleConnectionDataSource ds = new SingleConnectionDataSource(cli.url(), true);
        try {
            org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(ds);
            // a trade belongs to a recorded strategy (a foreign key, enforced on every connection on PostgreSQL)
            jdbc.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at,"
                    + " updated_at) VALUES ('btc-live', 'rsi', 'binance', 'BTC/USDT', '5m', '{}', 0, 0)"
                    + " ON CONFLICT DO NOTHING");
            jdbc.update("INSERT INTO strategy_trades (strategy_id, run_id,"
                    + " symbol, side, price, quantity, fee, candle_time, executed_at, pnl, pnl_percent, params) VALUES"
                    + " ('btc-live', 'live', 'BTC/USDT', 'sell', '1000', '0.1', '0.1', ?, ?, '-5.25', '-5', '{}')",
                    first - M5, executed);
        } finally {
            ds.destroy();
        }
        priceAt(buy.candleTime());

        CliRun.Result r = evaluate("btc-live", buy.candleTime());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("not sent: halted by max-daily-loss: lost 5.25 today (UTC), the limit is 5");
        assertThat(binance.orders()).isEmpty();
        assertThat(cli.query("SELECT strategy_id, reason FROM strategy_halts")).containsExactly(Map.of(
                "strategy_id", "btc-live", "reason", "max-daily-loss: lost 5.25 today (UTC), the limit is 5"));
        assertThat(evaluate("btc-live", buy.candleTime() + M5).out()).contains("halted");
    }

    @Test
    void shouldRefuseABadRiskLimitInOneLine() {
        cli.with("trading.strategies.btc-live.max-position", "0");
        CliRun.Result zero = cli.run("evaluate", "--strategy", "btc-live");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("error: strategy 'btc-live': max-position must be above 0, got 0\n");

        cli.with("trading.strategies.btc-live.max-position", "1").with("trading.accounts.main.max-daily-loss", "-1");
        CliRun.Result negative = cli.run("evaluate", "--strategy", "btc-live");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).isEqualTo("error: trading.accounts.main.max-daily-loss must be above 0, got -1\n");

        cli.with("trading.accounts.main.max-daily-loss", "10").with("trading.strategies.btc-live.mode", "paper");
        CliRun.Result paper = cli.run("evaluate", "--strategy", "btc-live");
        assertThat(paper.exitCode()).isEqualTo(2);
        assertThat(paper.err()).isEqualTo("error: strategy 'btc-live': max-position a risk limit is for a live "
                + "strategy (mode: live): a paper strategy trades as its replay does\n");
    }

    /** Whether a fill of {@code other} falls strictly inside a position of {@code holder} (buy, sell pairs). */
    private static boolean overlaps(List<Fill> holder, List<Fill> other) {
        for (int i = 0; i + 1 < holder.size(); i += 2) {
            long from = holder.get(i).candleTime();
            long to = holder.get(i + 1).candleTime();
            if (other.stream().anyMatch(f -> f.candleTime() > from && f.candleTime() < to)) {
                return true;
            }
        }
        return false;
    }

    /** What the strategy's own fills leave it holding, read from live_fills. */
    private BigDecimal held(String id) {
        BigDecimal held = BigDecimal.ZERO;
        for (Map<String, Object> f : cli.query("SELECT o.side, f.quantity, f.commission, f.commission_asset"
                + " FROM live_fills f JOIN live_orders o ON o.client_order_id = f.client_order_id"
                + " WHERE o.strategy_id = ?", id)) {
            BigDecimal q = new BigDecimal((String) f.get("quantity"));
            held = "buy".equals(f.get("side")) ? held.add(q) : held.subtract(q);
            if ("BTC".equals(f.get("commission_asset"))) {
                held = held.subtract(new BigDecimal((String) f.get("commission")));
            }
        }
        return held;
    }
}
