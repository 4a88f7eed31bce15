package dev.tradingbatch.readers.orders;

import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Binance order client against Binance's real spot testnet (https://testnet.binance.vision), which the stand-in
 * imitates: a small market buy and the sell of what it bought, asked for by client order id, their fills adding up,
 * and the same client order id refused a second time (what "never send twice" rests on). Runs only by hand, with a
 * testnet key in the environment (BINANCE_TESTNET_KEY, BINANCE_TESTNET_SECRET); the build never runs {@code *LiveIT}:
 * {@code ./mvnw -B -pl readers -am verify -Dit.test=BinanceTestnetLiveIT -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class BinanceTestnetLiveIT {

    static final String BASE_URL = System.getenv().getOrDefault("BINANCE_TESTNET_URL", "https://testnet.binance.vision");
    static final String SYMBOL = "BTC/USDT";
    /** BTCUSDT's amount step on the testnet (LOT_SIZE stepSize). */
    static final BigDecimal STEP = new BigDecimal("0.00001");

    BinanceSpotOrders orders;

    @BeforeEach
    void keys() {
        String key = System.getenv("BINANCE_TESTNET_KEY");
        String secret = System.getenv("BINANCE_TESTNET_SECRET");
        assumeTrue(key != null && secret != null, "no BINANCE_TESTNET_KEY / BINANCE_TESTNET_SECRET in the environment");
        orders = new BinanceSpotOrders(BASE_URL, new ApiCredentials(key, secret), Clock.systemUTC(), HttpTimeouts.DEFAULT);
    }

    @Test
    void shouldBuyAndSellOnTheTestnetAndRefuseAClientOrderIdTwice() {
        assertThat(orders.balances()).extracting(Balance::asset).contains("USDT", "BTC");
        String buyId = "tb-liveit-" + System.currentTimeMillis();

        SendOutcome bought = orders.send(MarketOrder.buyFor(SYMBOL, new BigDecimal("20"), buyId));

        assertThat(bought).isInstanceOf(SendOutcome.Accepted.class);
        ExchangeOrder buy = orders.find(SYMBOL, buyId).orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.status().isFinal()).isTrue();
        List<ExchangeFill> fills = orders.fills(SYMBOL, buy.orderId());
        assertThat(fills.stream().map(ExchangeFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(buy.executedQuantity());
        assertThat(fills.stream().map(ExchangeFill::quoteQuantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(buy.executedQuote());

        // the same client order id again: the exchange refuses it, so an order sent twice can never buy twice
        assertThat(orders.send(MarketOrder.buyFor(SYMBOL, new BigDecimal("20"), buyId)))
                .isInstanceOf(SendOutcome.Rejected.class);

        BigDecimal sell = buy.executedQuantity().divide(STEP, 0, RoundingMode.DOWN).multiply(STEP);
        SendOutcome sold = orders.send(MarketOrder.sell(SYMBOL, sell, buyId + "-s"));
        assertThat(sold).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(orders.find(SYMBOL, buyId + "-s").orElseThrow().executedQuantity()).isEqualByComparingTo(sell);
    }
}
