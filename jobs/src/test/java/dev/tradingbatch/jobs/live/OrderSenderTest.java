package dev.tradingbatch.jobs.live;

import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.BinanceSpotOrders;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn.Fault;
import dev.tradingbatch.readers.orders.BinanceSpotStandIn;
import dev.tradingbatch.readers.orders.MarketOrder;
import dev.tradingbatch.readers.orders.SpotOrders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intents committed in {@code live_orders} and sent by {@link OrderSender} to {@link BinanceSpotStandIn}: whatever
 * the exchange answers, fails to answer, or the sender misses because it died, each intent ends as one order on
 * the exchange, and the row says what the exchange has.
 */
class OrderSenderTest {

    private static final long CANDLE = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private BinanceSpotStandIn binance;
    private ConfigurableApplicationContext app;
    private LiveOrderRepository orders;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T11:00:05Z"));

    @BeforeEach
    void start() {
        binance = new BinanceSpotStandIn("k", "s").market("BTCUSDT", "BTC", "USDT", "40000")
                .balance("USDT", "1000").timeoutDelay(8000);
        CliRun cli = new CliRun(dir);
        app = cli.start();
        orders = app.getBean(LiveOrderRepository.class);
        cli.update("INSERT INTO strategies (strategy_id, type, exchange, symbol, timeframe, params, created_at,"
                + " updated_at) VALUES ('btc-live', 'rsi', 'binance', 'BTC/USDT', '1h', '{}', 0, 0)");
        // the first request of a JVM is slow (class loading): not the timeout under test
        new BinanceSpotOrders(binance.baseUrl(), new ApiCredentials("k", "s"), Clock.systemUTC(), HttpTimeouts.DEFAULT)
                .balances();
    }

    @AfterEach
    void stop() {
        app.close();
        binance.close();
    }

    private SpotOrders exchange() {
        return new BinanceSpotOrders(binance.baseUrl(), new ApiCredentials("k", "s"), Clock.systemUTC(),
                new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4)));
    }

    private OrderSender sender() {
        return new OrderSender(orders, exchange(), clock, SETTLE);
    }

    private String intendBuy() {
        String id = ClientOrderIds.of("btc-live", CANDLE, Side.BUY);
        orders.insertIntent(LiveOrder.intent(id, "btc-live", "main", "BTC/USDT", Side.BUY, CANDLE, null,
                new BigDecimal("100"), clock.millis()));
        return id;
    }

    @Test
    void shouldDeriveOneClientOrderIdPerStrategyCandleAndSide() {
        String id = ClientOrderIds.of("btc-live", CANDLE, Side.BUY);

        assertThat(id).matches("tb-[0-9a-f]{24}-b").hasSizeLessThanOrEqualTo(36)
                .isEqualTo(ClientOrderIds.of("btc-live", CANDLE, Side.BUY));
        assertThat(ClientOrderIds.of("btc-live", CANDLE, Side.SELL)).isNotEqualTo(id).endsWith("-s");
        assertThat(ClientOrderIds.of("btc-live", CANDLE + 1, Side.BUY)).isNotEqualTo(id);
        assertThat(ClientOrderIds.of("eth-live", CANDLE, Side.BUY)).isNotEqualTo(id);
    }

    @Test
    void shouldKeepOneIntentWhenAnEvaluationDecidesTheSameOrderAgain() {
        intendBuy();
        intendBuy();

        assertThat(orders.all()).hasSize(1);
    }

    @Test
    void shouldSendAnIntentAndRecordWhatTheExchangeDid() {
        String id = intendBuy();

        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        LiveOrder o = orders.find(id).orElseThrow();
        assertThat(o.status()).isEqualTo("accepted");
        assertThat(o.exchangeStatus()).isEqualTo("FILLED");
        assertThat(o.executedQuantity()).hasToString("0.00250000");
        assertThat(o.executedQuote()).hasToString("100.00000000");
        assertThat(o.sends()).isEqualTo(1);
        assertThat(binance.orders()).singleElement().extracting(BinanceSpotStandIn.Order::clientOrderId).isEqualTo(id);
        assertThat(sender().sendPending("main")).as("nothing left to send").isEqualTo(new OrderSender.Pass(0, 0, 0, 0));
        assertThat(binance.ordersTaken()).isEqualTo(1);
    }

    @Test
    void shouldFindAnOrderWhoseAnswerWasLostInsteadOfSendingItAgain() {
        String id = intendBuy();
        binance.failNextOrder(Fault.TIMEOUT_AFTER_ACCEPT);

        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(0, 0, 1, 0));
        assertThat(orders.find(id).orElseThrow().reason()).isEqualTo("no answer to the order (HttpTimeoutException)");
        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        assertThat(binance.ordersTaken()).isEqualTo(1);
        assertThat(orders.find(id).orElseThrow().sends()).isEqualTo(1);
        assertThat(orders.find(id).orElseThrow().exchangeStatus()).isEqualTo("FILLED");
    }

    @Test
    void shouldSendAgainOnlyAfterTheExchangeSaysItHasNoneAndTheSendHasSettled() {
        String id = intendBuy();
        binance.failNextOrder(Fault.UNAVAILABLE);

        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(0, 0, 1, 0));
        assertThat(sender().sendPending("main")).as("too early to conclude it never arrived")
                .isEqualTo(new OrderSender.Pass(0, 0, 0, 1));
        clock.move(SETTLE);
        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        assertThat(binance.ordersTaken()).isEqualTo(1);
        assertThat(orders.find(id).orElseThrow().sends()).isEqualTo(2);
    }

    @Test
    void shouldFindTheOrderOfASenderKilledBetweenSendAndRecord() {
        String id = intendBuy();
        // the killed sender had counted its send and the exchange took the order; its answer was never recorded
        orders.countSend(id, clock.millis());
        exchange().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), id));

        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        assertThat(binance.ordersTaken()).isEqualTo(1);
        assertThat(orders.find(id).orElseThrow().status()).isEqualTo("accepted");
    }

    @Test
    void shouldRecordARefusalOnceAndKeepAnOrderRefusedForNow() {
        String id = intendBuy();
        binance.failNextOrder(Fault.RATE_LIMITED);

        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(0, 0, 0, 1));
        assertThat(orders.find(id).orElseThrow().reason()).startsWith("refused for now: -1003 ");
        binance.balance("USDT", "10");
        clock.move(SETTLE);
        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(0, 1, 0, 0));
        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(0, 0, 0, 0));

        LiveOrder o = orders.find(id).orElseThrow();
        assertThat(o.status()).isEqualTo("rejected");
        assertThat(o.reason()).isEqualTo("-2010 Account has insufficient balance for requested action.");
        assertThat(binance.ordersTaken()).isZero();
    }

    @Test
    void shouldTakeNoAbsurdNumberFromAnAnswerButAskForTheOrderInstead() {
        String id = intendBuy();
        binance.failNextOrder(Fault.ABSURD_ANSWER_AFTER_ACCEPT);

        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(0, 0, 1, 0));
        assertThat(orders.find(id).orElseThrow().reason()).isEqualTo("an answer to the order that cannot be read "
                + "(executedQty '1e400000000' is out of range (beyond 10^64 or 10^-64))");
        assertThat(orders.find(id).orElseThrow().executedQuantity()).isNull();
        assertThat(sender().sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        assertThat(binance.ordersTaken()).isEqualTo(1);
        assertThat(orders.find(id).orElseThrow().executedQuantity()).hasToString("0.00250000");
    }

    @Test
    void shouldSendNothingWhenTheExchangeCannotBeAsked() {
        String id = intendBuy();
        SpotOrders unreachable = exchange();
        binance.close();

        assertThat(new OrderSender(orders, unreachable, clock, SETTLE).sendPending("main"))
                .isEqualTo(new OrderSender.Pass(0, 0, 0, 1));

        LiveOrder o = orders.find(id).orElseThrow();
        assertThat(o.status()).isEqualTo("intent");
        assertThat(o.sends()).isZero();
        assertThat(o.reason()).startsWith("binance: no answer asking for the order " + id);
    }

    private OrderSender sender(Duration maxAge) {
        return new OrderSender(orders, exchange(), clock, SETTLE, o -> Optional.of(maxAge));
    }

    @Test
    void shouldRejectAnIntentNeverSentWhoseCandleIsOlderThanTheBoundWithoutAskingOrSending() {
        String id = intendBuy();
        clock.move(Duration.ofHours(1));   // 12:00:05: the candle of 10:00 opened 2h 5s ago

        assertThat(sender(Duration.ofHours(2)).sendPending("main")).isEqualTo(new OrderSender.Pass(0, 1, 0, 0));

        LiveOrder o = orders.find(id).orElseThrow();
        assertThat(o.status()).isEqualTo("rejected");
        assertThat(o.sends()).isZero();
        assertThat(o.reason()).isEqualTo("not sent: stale, its candle of 2026-12-01T10:00:00Z opened more than 2h"
                + " (trading.live.max-intent-age) before 2026-12-01T12:00:05Z");
        assertThat(binance.ordersTaken()).isZero();
        assertThat(binance.free("USDT")).isEqualByComparingTo("1000");
        assertThat(sender(Duration.ofHours(2)).sendPending("main")).isEqualTo(new OrderSender.Pass(0, 0, 0, 0));
    }

    @Test
    void shouldSendAnIntentWhoseCandleIsWithinTheBound() {
        String id = intendBuy();
        clock.move(Duration.ofMinutes(59).plusSeconds(55));   // 12:00:00: exactly two hours after the candle opened

        assertThat(sender(Duration.ofHours(2)).sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        assertThat(orders.find(id).orElseThrow().status()).isEqualTo("accepted");
        assertThat(binance.ordersTaken()).isEqualTo(1);
    }

    @Test
    void shouldStillAskForAnOrderSentBeforeHoweverOldItsCandle() {
        String id = intendBuy();
        // sent, the exchange took it, the answer was lost; the sender comes back a day later
        orders.countSend(id, clock.millis());
        exchange().send(MarketOrder.buyFor("BTC/USDT", new BigDecimal("100"), id));
        clock.move(Duration.ofDays(1));

        assertThat(sender(Duration.ofHours(2)).sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        LiveOrder o = orders.find(id).orElseThrow();
        assertThat(o.status()).isEqualTo("accepted");
        assertThat(o.exchangeStatus()).isEqualTo("FILLED");
        assertThat(binance.ordersTaken()).isEqualTo(1);
    }

    @Test
    void shouldNotSendAgainAnOrderSentBeforeThatTheExchangeDoesNotHaveOnceItsCandleIsOlderThanTheBound() {
        String id = intendBuy();
        orders.countSend(id, clock.millis());   // a send that never reached the exchange
        clock.move(Duration.ofDays(1));

        assertThat(sender(Duration.ofHours(2)).sendPending("main")).isEqualTo(new OrderSender.Pass(0, 1, 0, 0));

        LiveOrder o = orders.find(id).orElseThrow();
        assertThat(o.status()).isEqualTo("rejected");
        assertThat(o.sends()).isEqualTo(1);
        assertThat(o.reason()).isEqualTo("the exchange has none of its 1 send, and it is not sent: stale, its candle of"
                + " 2026-12-01T10:00:00Z opened more than 2h (trading.live.max-intent-age) before 2026-12-02T11:00:05Z");
        assertThat(binance.ordersTaken()).isZero();
    }

    @Test
    void shouldSendAgainAnOrderSentBeforeThatTheExchangeDoesNotHaveWithinTheBound() {
        String id = intendBuy();
        orders.countSend(id, clock.millis());   // a send that never reached the exchange
        clock.move(SETTLE);

        assertThat(sender(Duration.ofHours(2)).sendPending("main")).isEqualTo(new OrderSender.Pass(1, 0, 0, 0));

        assertThat(orders.find(id).orElseThrow().sends()).isEqualTo(2);
        assertThat(binance.ordersTaken()).isEqualTo(1);
    }

    /** A clock a test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
