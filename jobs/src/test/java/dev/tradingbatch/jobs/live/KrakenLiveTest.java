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
import dev.tradingbatch.readers.orders.KrakenSpotOrders;
import dev.tradingbatch.readers.orders.KrakenStandIn;
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
 * A live strategy on a Kraken account (the Bitstamp sample stored as Kraken BTC/USD 5m), its orders sent to
 * {@link KrakenStandIn} (key, signatures and nonces checked, trades kept with fees in USD): the same path as on
 * Binance ({@link LiveEvaluateTest}) and Coinbase ({@link CoinbaseLiveTest}) with nothing Kraken-specific above the
 * order client. Kraken's order ids are text (O0000-...), its cl_ord_id is derived from ours, its trade ids are text
 * kept as sent, and its fees are charged in the quote currency, so a buy's holding is all
 * it filled.
 */
class KrakenLiveTest {

    static final MarketKey MARKET = new MarketKey("kraken", "BTC/USD", Timeframe.M5);
    static final long M5 = Timeframe.M5.millis();
    static final Map<String, String> RSI = Map.of("period", "14", "oversold", "35", "overbought", "65");
    static final String KEY = "kraken-live-test-key";
    static final String SECRET = Base64.getEncoder().encodeToString("kraken-live-test-secret".getBytes());

    @TempDir
    Path dir;
    CliRun cli;
    KrakenStandIn kraken;
    List<Candle> candles;

    @BeforeEach
    void start() {
        kraken = new KrakenStandIn(KEY, SECRET).pair("XBTUSD", "XXBT", "ZUSD", "1000").balance("ZUSD", "10000")
                .tradesPerOrder(2).timeoutDelay(5000);
        cli = new CliRun(dir).bean("environmentVariables", (EnvironmentVariables) name -> Optional.ofNullable(
                        Map.of("KR_KEY", KEY, "KR_SECRET", SECRET).get(name)))
                .with("trading.accounts.kr.exchange", "kraken")
                .with("trading.accounts.kr.base-url", kraken.baseUrl())
                .with("trading.accounts.kr.api-key-env", "KR_KEY")
                .with("trading.accounts.kr.secret-env", "KR_SECRET")
                .with("trading.exchanges.kraken.read-timeout", "2s");
        String key = "trading.strategies.btc-kr.";
        cli.with(key + "exchange", "kraken").with(key + "symbol", "BTC/USD").with(key + "timeframe", "5m")
                .with(key + "type", "rsi").with(key + "stake", "100").with(key + "fee-rate", "0.004")
                .with(key + "slippage-bps", "5").with(key + "mode", "live").with(key + "account", "kr");
        RSI.forEach((k, v) -> cli.with(key + "params." + k, v));
        // the first request of a JVM is slow (class loading)
        new KrakenSpotOrders(kraken.baseUrl(), new ApiCredentials(KEY, SECRET), Clock.systemUTC(),
                HttpTimeouts.DEFAULT).balances();
        assertThat(cli.run("markets").exitCode()).isZero();
        candles = BitstampSample.candles();
        cli.store(MARKET, candles);
    }

    @AfterEach
    void stop() {
        kraken.close();
    }

    private CliRun.Result evaluate(long openTime) {
        return cli.clock(Clock.fixed(Instant.ofEpochMilli(openTime + M5 + 1000), ZoneOffset.UTC))
                .run("evaluate", "--strategy", "btc-kr");
    }

    private Candle candle(long openTime) {
        return candles.stream().filter(c -> c.openTime() == openTime).findFirst().orElseThrow();
    }

    private static BigDecimal decimal(Object text) {
        return new BigDecimal((String) text);
    }

    @Test
    void shouldBuyAndSellOnTheSignalsAndKeepTheLedgerOfTheExchangesFills() {
        kraken.tradeIds("TCCCTY-WE4VW-TMJ5IT");
        long first = candles.get(300).openTime();
        assertThat(evaluate(first).exitCode()).isZero();
        List<Fill> signals = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first,
                candles.getLast().openTime()).subList(0, 4);
        assertThat(signals).extracting(Fill::side).containsExactly(Side.BUY, Side.SELL, Side.BUY, Side.SELL);

        List<String> outputs = new ArrayList<>();
        for (Fill signal : signals) {
            kraken.price("XBTUSD", candle(signal.candleTime()).close().toPlainString());
            CliRun.Result r = evaluate(signal.candleTime());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            outputs.add(r.out());
        }

        // the exchange received exactly the orders of the signals, under cl_ord_ids derived from their client order ids
        List<String> clientIds = signals.stream().map(f -> ClientOrderIds.of("btc-kr", f.candleTime(), f.side()))
                .toList();
        assertThat(kraken.orders()).extracting(KrakenStandIn.Order::clOrdId)
                .containsExactlyElementsOf(clientIds.stream().map(KrakenSpotOrders::clOrdId).toList());
        assertThat(kraken.orders()).extracting(KrakenStandIn.Order::type).containsExactly("buy", "sell", "buy", "sell");
        assertThat(kraken.orders()).extracting(KrakenStandIn.Order::status).containsOnly("closed");
        KrakenStandIn.Order buy = kraken.orders().get(0);
        KrakenStandIn.Order sell = kraken.orders().get(1);
        assertThat(buy.viqc()).isTrue();
        assertThat(buy.volume()).isEqualByComparingTo("100");
        // the fee was paid in USD: the strategy holds all it bought, and sells exactly that
        assertThat(sell.viqc()).isFalse();
        assertThat(sell.volume()).isEqualByComparingTo(buy.volExec());
        assertThat(kraken.balance("XXBT")).isEqualByComparingTo("0");

        // live_orders keep Kraken's order ids, live_fills its trade ids as sent
        List<Map<String, Object>> orders = cli.query("SELECT client_order_id, exchange_order_id, status,"
                + " exchange_status FROM live_orders WHERE strategy_id = 'btc-kr' ORDER BY candle_time");
        assertThat(orders).extracting(o -> o.get("client_order_id")).containsExactlyElementsOf(clientIds);
        assertThat(orders).extracting(o -> o.get("exchange_order_id"))
                .containsExactlyElementsOf(kraken.orders().stream().map(KrakenStandIn.Order::txid).toList());
        assertThat(orders).extracting(o -> o.get("status")).containsOnly("accepted");
        assertThat(orders).extracting(o -> o.get("exchange_status")).containsOnly("FILLED");
        List<Map<String, Object>> fills = cli.query("SELECT trade_id, quantity, commission, commission_asset"
                + " FROM live_fills ORDER BY traded_at, trade_id");
        assertThat(fills).as("two trades per order").hasSize(8);
        assertThat(fills).extracting(f -> f.get("trade_id")).first().isEqualTo("TCCCTY-WE4VW-TMJ5IT");
        assertThat(fills).extracting(f -> f.get("trade_id"))
                .containsExactlyInAnyOrderElementsOf(kraken.trades().stream().map(KrakenStandIn.Trade::id).toList());
        assertThat(fills).extracting(f -> f.get("commission_asset")).containsOnly("USD");
        assertThat(fills).extracting(f -> decimal(f.get("commission"))).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrderElementsOf(kraken.trades().stream().map(KrakenStandIn.Trade::fee).toList());

        List<Map<String, Object>> trades = cli.query("SELECT side, quantity, fee, pnl FROM strategy_trades"
                + " WHERE strategy_id = 'btc-kr' AND run_id = 'live' ORDER BY candle_time");
        assertThat(trades).extracting(t -> t.get("side")).containsExactly("buy", "sell", "buy", "sell");
        BigDecimal buyFee = kraken.trades().subList(0, 2).stream().map(KrakenStandIn.Trade::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sellFee = kraken.trades().subList(2, 4).stream().map(KrakenStandIn.Trade::fee)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(decimal(trades.get(0).get("quantity"))).isEqualByComparingTo(buy.volExec());
        assertThat(decimal(trades.get(0).get("fee"))).isEqualByComparingTo(buyFee);
        assertThat(decimal(trades.get(1).get("quantity"))).isEqualByComparingTo(buy.volExec());
        assertThat(decimal(trades.get(1).get("fee"))).isEqualByComparingTo(sellFee);
        // what the round trip made: the sell's value less both fees less what the buy cost
        assertThat(decimal(trades.get(1).get("pnl"))).isEqualByComparingTo(sell.cost().subtract(sellFee)
                .subtract(buy.cost()).subtract(buyFee).setScale(12, RoundingMode.HALF_EVEN));

        // the account's balances cover the ledgers: nothing short
        CliRun.Result reconciled = cli.run("reconcile", "--account", "kr");
        assertThat(reconciled.exitCode()).as(reconciled.out() + reconciled.err()).isZero();
        assertThat(reconciled.out()).contains("the balances cover the ledgers");
        CliRun.Result positions = cli.run("positions");
        assertThat(positions.exitCode()).as(positions.out() + positions.err()).isZero();
        outputs.add(reconciled.out() + reconciled.err() + positions.out() + positions.err());

        // the credentials are never printed, nor kept in the database, nor sent but in their headers
        assertThat(String.join("\n", outputs)).doesNotContain(KEY, SECRET);
        assertThat(cli.query("SELECT * FROM BATCH_JOB_EXECUTION_PARAMS").toString()
                + cli.query("SELECT * FROM BATCH_JOB_EXECUTION_CONTEXT") + cli.query("SELECT * FROM BATCH_STEP_EXECUTION")
                + cli.query("SELECT * FROM live_orders") + cli.query("SELECT * FROM live_fills"))
                .doesNotContain(KEY, SECRET);
        assertThat(kraken.requests()).allSatisfy(request -> assertThat(request.getUrl() + request.getBodyAsString())
                .doesNotContain(KEY, SECRET));

        // the same candle again: nothing new, nothing sent
        assertThat(evaluate(signals.getLast().candleTime()).out()).contains("nothing new");
        assertThat(kraken.orders()).hasSize(4);
    }

    @Test
    void shouldRenameAFillStoredUnderItsFormerNumberWhenItIsReadAgainNotApplyItTwice() {
        kraken.tradeIds("TCCCTY-WE4VW-TMJ5IT", "TKH2SE-M7IF5-CFI7LT");
        long first = candles.get(300).openTime();
        assertThat(evaluate(first).exitCode()).isZero();
        Fill buy = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first, candles.getLast().openTime())
                .getFirst();
        kraken.price("XBTUSD", candle(buy.candleTime()).close().toPlainString());
        assertThat(evaluate(buy.candleTime()).exitCode()).isZero();
        BigDecimal bought = kraken.orders().getFirst().volExec();
        // as V18 leaves a fill settled before it: under the number once derived from its id (as text), and the
        // order settled again (its trade row gone), so that its fills are read from Kraken once more
        for (String id : List.of("TCCCTY-WE4VW-TMJ5IT", "TKH2SE-M7IF5-CFI7LT")) {
            assertThat(cli.update("UPDATE live_fills SET trade_id = ? WHERE trade_id = ?",
                    Long.toString(KrakenSpotOrders.tradeNumber(id)), id)).isOne();
        }
        assertThat(cli.update("DELETE FROM strategy_trades WHERE run_id = 'live'")).isOne();

        CliRun.Result reconciled = cli.run("reconcile", "--account", "kr");

        assertThat(reconciled.exitCode()).as(reconciled.out() + reconciled.err()).isZero();
        assertThat(cli.query("SELECT trade_id FROM live_fills ORDER BY traded_at")).extracting(f -> f.get("trade_id"))
                .as("the stored fills, renamed to the ids as sent: no fill twice")
                .containsExactly("TCCCTY-WE4VW-TMJ5IT", "TKH2SE-M7IF5-CFI7LT");
        assertThat(cli.query("SELECT side, quantity FROM strategy_trades WHERE run_id = 'live'")).singleElement()
                .satisfies(t -> assertThat(decimal(t.get("quantity"))).isEqualByComparingTo(bought));
    }

    @Test
    void shouldAskForTheDerivedClOrdIdAfterATimeoutAndEndWithOneOrder() {
        long first = candles.get(300).openTime();
        assertThat(evaluate(first).exitCode()).isZero();
        Fill buy = BitstampSample.fills(candles, StrategySpec.of("rsi", RSI), first, candles.getLast().openTime())
                .getFirst();
        kraken.price("XBTUSD", candle(buy.candleTime()).close().toPlainString());
        kraken.failNextOrder(KrakenStandIn.Fault.TIMEOUT_AFTER_ACCEPT);

        CliRun.Result failed = evaluate(buy.candleTime());

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isNotZero();
        assertThat(failed.out() + failed.err()).contains("FAILED", "not settled yet", "(buy): unknown");
        assertThat(cli.query("SELECT status FROM live_orders")).extracting(o -> o.get("status")).containsExactly("unknown");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades")).isZero();

        CliRun.Result restarted = evaluate(buy.candleTime());

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(kraken.orders()).as("asked by its cl_ord_id, not sent again").hasSize(1);
        assertThat(cli.query("SELECT status, sends, exchange_order_id FROM live_orders")).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("status", "accepted").containsEntry("sends", 1)
                        .containsEntry("exchange_order_id", kraken.orders().getFirst().txid()));
        assertThat(cli.count("SELECT COUNT(*) FROM live_fills")).isEqualTo(2);
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_trades WHERE run_id = 'live'")).isEqualTo(1);
    }
}
