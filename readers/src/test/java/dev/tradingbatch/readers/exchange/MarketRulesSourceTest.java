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
}
