package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.readers.CandleSource;
import dev.tradingbatch.readers.orders.ApiCredentials;
import dev.tradingbatch.readers.orders.BinanceSpotOrders;
import dev.tradingbatch.readers.orders.CoinbaseSpotOrders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: what each exchange is, as the rest of the application reads it. */
class ExchangesTest {

    @Test
    void shouldListEachExchangeOnceInOrder() {
        assertThat(Exchanges.names()).containsExactly("binance", "coinbase", "kraken");
        assertThat(Exchanges.all()).containsExactly(Exchanges.BINANCE, Exchanges.COINBASE, Exchanges.KRAKEN);
    }

    @Test
    void shouldFindAnExchangeByNameInAnyCase() {
        assertThat(Exchanges.find("Kraken")).contains(Exchanges.KRAKEN);
        assertThat(Exchanges.find("bitfinex")).isEmpty();
        assertThat(Exchanges.find(null)).isEmpty();
        assertThatThrownBy(() -> Exchanges.named("bitfinex"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown exchange 'bitfinex' (known: binance, coinbase, kraken)");
    }

    @Test
    void shouldBuildSourcesThatCarryTheEntrysNameAndTimeframes() {
        for (Exchange exchange : Exchanges.all()) {
            CandleSource source = exchange.candleSource(exchange.defaults(), Clock.systemUTC(), Clock.systemUTC(),
                    Sleeper.THREAD, RetryListener.NONE);

            assertThat(source.exchange()).isEqualTo(exchange.name());
            assertThat(source.timeframes()).isEqualTo(exchange.timeframes());
        }
    }

    @Test
    void shouldKnowWhatEachExchangeServes() {
        assertThat(Exchanges.BINANCE.timeframes()).containsExactly(Timeframe.values());
        assertThat(Exchanges.COINBASE.timeframes())
                .containsExactly(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);
        assertThat(Exchanges.KRAKEN.timeframes()).containsExactly(Timeframe.values());
        assertThat(Exchanges.BINANCE.limits()).isEqualTo(new Exchange.Limits(1000, OptionalInt.empty(), false));
        assertThat(Exchanges.COINBASE.limits()).isEqualTo(new Exchange.Limits(300, OptionalInt.empty(), true));
        assertThat(Exchanges.KRAKEN.limits()).isEqualTo(new Exchange.Limits(720, OptionalInt.of(720), false));
    }

    @Test
    void shouldBuildOrderClientsOnlyForTheExchangesLiveOrdersAreBuiltFor() {
        ApiCredentials credentials = new ApiCredentials("key", "secret");

        assertThat(Exchanges.withOrders()).containsExactly("binance", "coinbase", "kraken");
        assertThat(Exchanges.BINANCE.orderClient("http://127.0.0.1:1", credentials, Clock.systemUTC(),
                HttpTimeouts.DEFAULT)).isInstanceOf(BinanceSpotOrders.class);
        assertThat(Exchanges.COINBASE.orderClient("http://127.0.0.1:1", new ApiCredentials("key", "c2VjcmV0",
                "passphrase"), Clock.systemUTC(), HttpTimeouts.DEFAULT)).isInstanceOf(CoinbaseSpotOrders.class);
        assertThatThrownBy(() -> Exchanges.COINBASE.orderClient("http://127.0.0.1:1", credentials, Clock.systemUTC(),
                HttpTimeouts.DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coinbase: an account needs the passphrase given with its API key");
        assertThat(Exchanges.KRAKEN.orderClient("http://127.0.0.1:1", new ApiCredentials("key", "c2VjcmV0"),
                Clock.systemUTC(), HttpTimeouts.DEFAULT)).isInstanceOf(dev.tradingbatch.readers.orders.KrakenSpotOrders.class);
    }

    @Test
    void shouldDefaultToThePublicHostsAndTheirPublishedBudgets() {
        assertThat(Exchanges.BINANCE.defaults()).isEqualTo(new ExchangeSettings("https://api.binance.com",
                HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT, new RateBudget(6000, Duration.ofMinutes(1), 2)));
        assertThat(Exchanges.COINBASE.defaults()).isEqualTo(new ExchangeSettings("https://api.exchange.coinbase.com",
                HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT, new RateBudget(10, Duration.ofSeconds(1), 1)));
        assertThat(Exchanges.KRAKEN.defaults()).isEqualTo(new ExchangeSettings("https://api.kraken.com",
                HttpTimeouts.DEFAULT, RetryPolicy.DEFAULT, new RateBudget(1, Duration.ofSeconds(1), 1)));
        assertThat(HttpTimeouts.DEFAULT).isEqualTo(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(RetryPolicy.DEFAULT).isEqualTo(
                new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15)));
    }
}
