package dev.tradingbatch.jobs.live;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.CoinbaseSpotOrders;
import dev.tradingbatch.readers.orders.CoinbaseStandIn;
import dev.tradingbatch.strategies.StrategySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live strategy on a Coinbase Exchange account (the Bitstamp sample stored as Coinbase BTC/USD 5m), its orders
 * sent to {@link CoinbaseStandIn} (key, passphrase and signatures checked, fills kept with fees in USD): the same
 * path as on Binance ({@link LiveEvaluateTest}) with nothing Coinbase-specific above the order client. The
 * exchange's order ids are UUIDs, its client_oid is derived from ours, and its fees are charged in the quote
 * currency, so a buy's holding is all it filled.
 */
class CoinbaseLiveTest {

    static final MarketKey MARKET = new MarketKey("coinbase", "BTC/USD", Timeframe.M5);
    static final long M5 = Timeframe.M5.millis();
    static final Map<String, String> RSI = Map.of("period", "14", "oversold", "35", "overbought", "65");
    static final String KEY = "coinbase-live-test-key";
    static final String SECRET = Base64.getEncoder().encodeToString("coinbase-live-test-secret".getBytes());
    static final String PASSPHRASE = "coinbase-live-test-passphrase";

    @TempDir
    Path dir;
    CliRun cli;
    CoinbaseStandIn coinbase;
    List<Candle> candles;

    @BeforeEach
    void start() {
        coinbase = new CoinbaseStandIn(KEY, SECRET, PASSPHRASE).product("BTC-USD", "1000").balance("USD", "10000")
                .fillsPerOrder(2).fillsPageSize(1).timeoutDelay(5000);
        cli = new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name -> Optional.ofNullable(
                        Map.of("CB_KEY", KEY, "CB_SECRET", SECRET, "CB_PASSPHRASE", PASSPHRASE).get(name)))
                .with("trading.accounts.cb.exchange", "coinbase")
                .with("trading.accounts.cb.base-url", coinbase.baseUrl())
                .with("trading.accounts.cb.api-key-env", "CB_KEY")
                .with("trading.accounts.cb.secret-env", "CB_SECRET")
                .with("trading.accounts.cb.passphrase-env", "CB_PASSPHRASE")
                .with("trading.exchanges.coinbase.read-timeout", "2s");
        String key = "trading.strategies.btc-cb.";
        cli.with(key + "exchange", "coinbase").with(key + "symbol", "BTC/USD").with(key + "timeframe", "5m")
                .with(key + "type", "rsi").with(key + "stake", "100").with(key + "fee-rate", "0.006")
                .with(key + "slippage-bps", "5").with(key + "mode", "live").with(key + "account", "cb");
        RSI.forEach((k, v) -> cli.with(key + "params." + k, v));
        // the first request of a JVM is slow (class loading)
        new CoinbaseSpotOrders(coinbase.baseUrl(), new ApiCredentials(KEY, SECRET, PASSPHRASE), Clock.systemUTC(),
                HttpTimeouts.DEFAULT).balances();
        assertThat(cli.run("markets").exitCode()).isZero();
        candles = BitstampSample.candles();
        cli.store(MARKET, candles);
    }

    @AfterEach
    void stop() {
        coinbase.close();
    }

    private CliRun.Result evaluate(long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", "btc-cb");
    }

    private Candle candle(long openTime) {
        return candles.stream().filter(c -> c.openTime() == openTime).findFirst().orElseThrow();
    }

    private static BigDecimal decimal(Object text) {
        return new BigDecimal((String) text);
    }

    @Test
    void shouldBuyAndSellOnTheSignalsAndKeepTheLedgerOfTheExchangesFills() {
        coinbase.answersPending(true);   // as Coinbase answers market orders: the sender asks again and finds them done
        long first = candles.get(300).openTime();
        assertThat(evaluate(first).exitCode()).isZero();
        List<Fill> signals = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first,
                candles.getLast().openTime()).subList(0, 4);
        assertThat(signals).extracting(Fill::side).containsExactly(Side.BUY, Side.SELL, Side.BUY, Side.SELL);

        List<String> outputs = new ArrayList<>();
        for (Fill signal : signals) {
            coinbase.price("BTC-USD", candle(signal.candleTime()).close().toPlainString());
            CliRun.Result r = evaluate(signal.candleTime());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            outputs.add(r.out());
        }

        // the exchange received exactly the orders of the signals, under client_oids derived from their client order ids
        List<String> clientIds = signals.stream().map(f -> ClientOrderIds.of("btc-cb", f.candleTime(), f.side()))
                .toList();
        assertThat(coinbase.orders()).extracting(CoinbaseStandIn.Order::clientOid)
                .containsExactlyElementsOf(clientIds.stream().map(CoinbaseSpotOrders::clientOid).toList());
        assertThat(coinbase.orders()).extracting(CoinbaseStandIn.Order::side).containsExactly("buy", "sell", "buy", "sell");
        assertThat(coinbase.orders()).extracting(CoinbaseStandIn.Order::doneReason).containsOnly("filled");
        CoinbaseStandIn.Order buy = coinbase.orders().get(0);
        CoinbaseStandIn.Order sell = coinbase.orders().get(1);
        assertThat(buy.funds()).isEqualByComparingTo("100");
        // the fee was paid in USD: the strategy holds all it bought, and sells exactly that
        assertThat(sell.size()).isEqualByComparingTo(buy.filledSize());
        assertThat(coinbase.balance("BTC")).isEqualByComparingTo("0");

        // live_orders keep Coinbase's UUID order ids, live_fills its trade ids: the ledger is the exchange's fills
        List<Map<String, Object>> orders = cli.query("SELECT client_order_id, exchange_order_id, status,"
                + " exchange_status FROM live_orders WHERE strategy_id = 'btc-cb' ORDER BY candle_time");
        assertThat(orders).extracting(o -> o.get("client_order_id")).containsExactlyElementsOf(clientIds);
        assertThat(orders).extracting(o -> o.get("exchange_order_id"))
                .containsExactlyElementsOf(coinbase.orders().stream().map(CoinbaseStandIn.Order::id).toList());
        assertThat(orders).extracting(o -> o.get("status")).containsOnly("accepted");
        assertThat(orders).extracting(o -> o.get("exchange_status")).containsOnly("FILLED");
        List<Map<String, Object>> fills = cli.query("SELECT trade_id, quantity, commission, commission_asset"
                + " FROM live_fills ORDER BY LENGTH(trade_id), trade_id");
        assertThat(fills).as("two fills per order, read over pages of one").hasSize(8);
        assertThat(fills).extracting(f -> f.get("trade_id")).as("Coinbase's trade ids, as text")
                .containsExactlyElementsOf(coinbase.fills().stream().map(f -> Long.toString(f.tradeId())).toList());
        assertThat(fills).extracting(f -> f.get("commission_asset")).containsOnly("USD");
        assertThat(fills).extracting(f -> decimal(f.get("commission"))).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(coinbase.fills().stream().map(CoinbaseStandIn.Fill::fee).toList());

        List<Map<String, Object>> trades = cli.query("SELECT side, quantity, fee, pnl FROM strategy_trades"
                + " WHERE strategy_id = 'btc-cb' AND run_id = 'live' ORDER BY candle_time");
        assertThat(trades).extracting(t -> t.get("side")).containsExactly("buy", "sell", "buy", "sell");
        BigDecimal buyFee = coinbase.fills().subList(0, 2).stream().map(CoinbaseStandIn.Fill::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sellFee = coinbase.fills().subList(2, 4).stream().map(CoinbaseStandIn.Fill::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // the ledger keeps 12 decimals (as a paper ledger does); live_fills keep Coinbase's 16
        buyFee = buyFee.setScale(12, RoundingMode.HALF_EVEN);
        sellFee = sellFee.setScale(12, RoundingMode.HALF_EVEN);
        assertThat(decimal(trades.get(0).get("quantity"))).isEqualByComparingTo(buy.filledSize());
        assertThat(decimal(trades.get(0).get("fee"))).isEqualByComparingTo(buyFee);
        assertThat(decimal(trades.get(1).get("quantity"))).isEqualByComparingTo(buy.filledSize());
        assertThat(decimal(trades.get(1).get("fee"))).isEqualByComparingTo(sellFee);
        // what the round trip made: the sell's value less both fees less what the buy cost
        assertThat(decimal(trades.get(1).get("pnl"))).isEqualByComparingTo(sell.executedValue().subtract(sellFee)
                .subtract(buy.executedValue()).subtract(buyFee).setScale(12, RoundingMode.HALF_EVEN));

        // the account's balances cover the ledgers: nothing short
        CliRun.Result reconciled = cli.run("reconcile", "--account", "cb");
        assertThat(reconciled.exitCode()).as(reconciled.out() + reconciled.err()).isZero();
        assertThat(reconciled.out()).contains("the balances cover the ledgers");
        CliRun.Result positions = cli.run("positions");
        assertThat(positions.exitCode()).as(positions.out() + positions.err()).isZero();
        outputs.add(reconciled.out() + reconciled.err() + positions.out() + positions.err());

        // the credentials are never printed, nor kept in the database, nor sent but in their headers
        assertThat(String.join("\n", outputs)).doesNotContain(KEY, SECRET, PASSPHRASE);
        assertThat(cli.query("SELECT * FROM BATCH_JOB_EXECUTION_PARAMS").toString()
                + cli.query("SELECT * FROM BATCH_JOB_EXECUTION_CONTEXT") + cli.query("SELECT * FROM BATCH_STEP_EXECUTION")
                + cli.query("SELECT * FROM live_orders") + cli.query("SELECT * FROM live_fills"))
                .doesNotContain(KEY, SECRET, PASSPHRASE);
        assertThat(coinbase.requests()).allSatisfy(request -> assertThat(request.getUrl() + request.getBodyAsString())
                .doesNotContain(KEY, SECRET, PASSPHRASE));

        // the same candle again: nothing new, nothing sent
        assertThat(evaluate(signals.getLast().candleTime()).out()).contains("nothing new");
        assertThat(coinbase.orders()).hasSize(4);
    }

    @Test
    void shouldAskForTheDerivedClientOidAfterATimeoutAndEndWithOneOrder() {
        long first = candles.get(300).openTime();
        assertThat(evaluate(first).exitCode()).isZero();
        Fill buy = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first, candles.getLast().openTime())
                .getFirst();
        coinbase.price("BTC-USD", candle(buy.candleTime()).close().toPlainString());
        coinbase.failNextOrder(CoinbaseStandIn.Fault.TIMEOUT_AFTER_ACCEPT);

        CliRun.Result failed = evaluate(buy.candleTime());

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isNotZero();
        assertThat(failed.out() + failed.err()).contains("FAILED", "not settled yet", "(buy): unknown");
        assertThat(cli.query("SELECT status FROM live_orders")).extracting(o -> o.get("status")).containsExactly("unknown");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();

        CliRun.Result restarted = evaluate(buy.candleTime());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(coinbase.orders()).as("asked by its client_oid, not sent again").hasSize(1);
        assertThat(cli.query("SELECT status, sends, exchange_order_id FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "accepted").containsEntry("sends", 1)
                        .containsEntry("exchange_order_id", coinbase.orders().getFirst().id()));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isEqualTo(2);
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isEqualTo(1);
    }

    @Test
    void shouldCountAnAcceptedOrderCoinbaseForgotAsEndedUnfilledOnceAMinuteHasPassed() {
        long first = candles.get(300).openTime();
        assertThat(evaluate(first).exitCode()).isZero();
        Fill buy = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first, candles.getLast().openTime())
                .getFirst();
        // answered pending, then canceled with nothing filled: Coinbase purges it, asked for it answers 404
        coinbase.price("BTC-USD", candle(buy.candleTime()).close().toPlainString()).liquidity("BTC-USD", "0")
                .answersPending(true);
        long at = buy.candleTime() + M5 + 1000;

        CliRun.Result waiting = evaluate(buy.candleTime());

        assertThat(waiting.exitCode()).as("an answer may still be on its way").isNotZero();
        assertThat(waiting.out() + waiting.err()).contains("the exchange no longer lists the accepted order",
                "counted as canceled with nothing filled once 60 s have passed");
        assertThat(coinbase.orders()).hasSize(1);

        // a minute later (the same run restarted): ended unfilled, nothing held, nothing sent again
        CliRun.Result later = cli.clock(Clock.fixed(Instant.ofEpochMilli(at + 60_000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", "btc-cb");

        assertThat(later.exitCode()).as(later.out() + later.err()).isZero();
        assertThat(coinbase.orders()).hasSize(1);
        assertThat(cli.query("SELECT status, exchange_status, executed_quantity, reason FROM live_orders"))
                .singleElement().satisfies(o -> assertThat(o).containsEntry("status", "accepted")
                        .containsEntry("exchange_status", "CANCELED").containsEntry("reason",
                                "the exchange no longer lists it: an order that ended with nothing filled is forgotten"));
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();
        assertThat(cli.run("positions").out()).contains("btc-cb").contains("0 BTC");
    }
}
