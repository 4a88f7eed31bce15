package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.UnknownSymbolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each exchange's order rules read from its own answer, exactly as sent. */
class MarketRulesSourceTest {

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private MarketRulesSource source(Exchange exchange) {
        return exchange.rulesSource(exchange.defaults().withBaseUrl(server.baseUrl()));
    }

    private void answer(String path, int status, String body) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void shouldReadBinancesLotSizePriceFilterAndNotional() {
        answer(MarketRulesAnswers.BINANCE_PATH, 200, MarketRulesAnswers.BINANCE_BTCUSDT);

        MarketRules rules = source(Exchanges.BINANCE).rules("BTC/USDT");

        assertThat(rules.amountStep()).hasToString("0.00001000");
        assertThat(rules.minQuantity()).hasToString("0.00001000");
        assertThat(rules.priceTick()).hasToString("0.01000000");
        assertThat(rules.minNotional()).hasToString("5.00000000");
        server.verify(getRequestedFor(urlPathEqualTo(MarketRulesAnswers.BINANCE_PATH))
                .withQueryParam("symbol", equalTo("BTCUSDT")));
    }

    @Test
    void shouldReadKrakensLotDecimalsOrderMinCostMinAndTick() {
        answer(MarketRulesAnswers.KRAKEN_PATH, 200, MarketRulesAnswers.KRAKEN_XBTUSD);

        MarketRules rules = source(Exchanges.KRAKEN).rules("BTC/USD");

        assertThat(rules.amountStep()).isEqualByComparingTo("0.00000001");
        assertThat(rules.minQuantity()).hasToString("0.0001");
        assertThat(rules.minNotional()).hasToString("0.5");
        assertThat(rules.priceTick()).hasToString("0.1");
        server.verify(getRequestedFor(urlPathEqualTo(MarketRulesAnswers.KRAKEN_PATH))
                .withQueryParam("pair", equalTo("XBTUSD")));
    }

    @Test
    void shouldReadCoinbasesIncrementsAndMinimumFunds() {
        answer(MarketRulesAnswers.COINBASE_PATH, 200, MarketRulesAnswers.COINBASE_BTC_USD);

        MarketRules rules = source(Exchanges.COINBASE).rules("BTC/USD");

        assertThat(rules).isEqualTo(new MarketRules(new BigDecimal("0.00000001"), new BigDecimal("0.01"), null,
                new BigDecimal("1")));
        assertThat(rules.text()).isEqualTo("amount-step=0.00000001 min-notional=1 price-tick=0.01");
    }

    @Test
    void shouldSayWhenTheExchangeDoesNotListTheSymbol() {
        answer(MarketRulesAnswers.BINANCE_PATH, 400, MarketRulesAnswers.BINANCE_INVALID_SYMBOL);
        answer(MarketRulesAnswers.KRAKEN_PATH, 200, MarketRulesAnswers.KRAKEN_UNKNOWN_PAIR);
        answer("/products/NOPE-USD", 404, MarketRulesAnswers.COINBASE_NOT_FOUND);

        assertThatThrownBy(() -> source(Exchanges.BINANCE).rules("NOPE/USDT")).isInstanceOf(UnknownSymbolException.class)
                .hasMessage("binance does not list symbol 'NOPE/USDT'");
        assertThatThrownBy(() -> source(Exchanges.KRAKEN).rules("NOPE/USD")).isInstanceOf(UnknownSymbolException.class)
                .hasMessage("kraken does not list symbol 'NOPE/USD'");
        assertThatThrownBy(() -> source(Exchanges.COINBASE).rules("NOPE/USD"))
                .isInstanceOf(UnknownSymbolException.class).hasMessage("coinbase does not list symbol 'NOPE/USD'");
    }

    @Test
    void shouldNameTheRequestAndTheCauseOfAFailure() {
        answer(MarketRulesAnswers.BINANCE_PATH, 503, "");
        answer(MarketRulesAnswers.COINBASE_PATH, 200, "{\"id\":\"BTC-USD\",");

        assertThatThrownBy(() -> source(Exchanges.BINANCE).rules("BTC/USDT")).isInstanceOf(ExchangeException.class)
                .hasMessage("binance GET exchangeInfo BTC/USDT: HTTP 503 Service Unavailable");
        assertThatThrownBy(() -> source(Exchanges.COINBASE).rules("BTC/USD")).isInstanceOf(ExchangeException.class)
                .hasMessage("coinbase GET products BTC/USD: malformed response body");
    }

    /** A number of 10,000 digits, as text or as a JSON number. */
    static final String LONG_NUMBER = "1" + "0".repeat(9_999);

    @Test
    void shouldRefuseAnAbsurdValueByItsTextNamingTheRequestAndTheField() {
        answer(MarketRulesAnswers.BINANCE_PATH, 200, MarketRulesAnswers.BINANCE_BTCUSDT
                .replace("\"tickSize\":\"0.01000000\"", "\"tickSize\":\"1e400000000\""));
        answer(MarketRulesAnswers.COINBASE_PATH, 200, MarketRulesAnswers.COINBASE_BTC_USD
                .replace("\"min_market_funds\":\"1\"", "\"min_market_funds\":\"" + LONG_NUMBER + "\""));
        answer(MarketRulesAnswers.KRAKEN_PATH, 200, MarketRulesAnswers.KRAKEN_XBTUSD
                .replace("\"lot_decimals\":8", "\"lot_decimals\":400000000"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> source(Exchanges.BINANCE).rules("BTC/USDT")).isInstanceOf(ExchangeException.class)
                .hasMessage("binance GET exchangeInfo BTC/USDT: tickSize '1e400000000' is out of range "
                        + "(beyond 10^64 or 10^-64)");
        assertThatThrownBy(() -> source(Exchanges.COINBASE).rules("BTC/USD")).isInstanceOf(ExchangeException.class)
                .hasMessage("coinbase GET products BTC/USD: min_market_funds '10000000000000000000...' "
                        + "(10000 characters) is too long for a number");
        assertThatThrownBy(() -> source(Exchanges.KRAKEN).rules("BTC/USD")).isInstanceOf(ExchangeException.class)
                .hasMessage("kraken GET AssetPairs BTC/USD: lot_decimals '400000000' is not a count of decimals "
                        + "from 0 to 64");
        assertThat(System.nanoTime() - start).as("three refusals, in nanoseconds").isLessThan(5_000_000_000L);
    }

    @Test
    void shouldRefuseAJsonNumberOfThousandsOfDigitsOrAHugeExponent() {
        answer(MarketRulesAnswers.KRAKEN_PATH, 200, MarketRulesAnswers.KRAKEN_XBTUSD
                .replace("\"ordermin\":\"0.0001\"", "\"ordermin\":1e400000000"));
        answer(MarketRulesAnswers.COINBASE_PATH, 200, MarketRulesAnswers.COINBASE_BTC_USD
                .replace("\"min_market_funds\":\"1\"", "\"min_market_funds\":" + LONG_NUMBER));

        assertThatThrownBy(() -> source(Exchanges.KRAKEN).rules("BTC/USD")).isInstanceOf(ExchangeException.class)
                .hasMessage("kraken GET AssetPairs BTC/USD: ordermin '1E+400000000' is out of range "
                        + "(beyond 10^64 or 10^-64)");
        assertThatThrownBy(() -> source(Exchanges.COINBASE).rules("BTC/USD")).isInstanceOf(ExchangeException.class)
                .hasMessageStartingWith("coinbase GET products BTC/USD: malformed response body: "
                        + "Number value length (10000) exceeds the maximum allowed (1000");
    }
}
