package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.readers.exchange.Exchange;
import dev.tradingbatch.readers.exchange.Exchanges;
import dev.tradingbatch.readers.exchange.RateBudget;
import dev.tradingbatch.readers.exchange.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code trading.*} bound as the application binds it. The defaults are in the code alone;
 * {@code config/application.yml} shows them, and must show them right.
 */
class TradingPropertiesTest {

    private static TradingProperties bind(List<PropertySource<?>> sources) {
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("trading", TradingProperties.class);
    }

    private static TradingProperties bind(Map<String, Object> properties) {
        return bind(List.of(new MapPropertySource("test", properties)));
    }

    private static List<PropertySource<?>> yaml(Resource file) throws IOException {
        return new YamlPropertySourceLoader().load(file.getDescription(), file);
    }

    private static Resource exampleConfig() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("config/application.yml"))) {
                return new FileSystemResource(p.resolve("config/application.yml"));
            }
        }
        throw new IllegalStateException("no config/application.yml above " + Path.of("").toAbsolutePath());
    }

    @Test
    void shouldShowTheCodesDefaultsInTheExampleConfiguration() throws IOException {
        TradingProperties defaults = bind(Map.of());
        TradingProperties example = bind(yaml(exampleConfig()));

        assertThat(example.backfill()).isEqualTo(defaults.backfill());
        assertThat(example.gaps()).isEqualTo(defaults.gaps());
        assertThat(example.jobs()).isEqualTo(defaults.jobs());
        assertThat(example.schedule()).isEqualTo(defaults.schedule());
        assertThat(example.dashboard()).isEqualTo(defaults.dashboard())
                .isEqualTo(new TradingProperties.Dashboard(8090, "127.0.0.1",
                        new TradingProperties.Dashboard.Actions(false), Map.of()));
        assertThat(example.exchanges()).containsOnlyKeys(Exchanges.names());
        for (Exchange exchange : Exchanges.all()) {
            assertThat(example.settings(exchange)).as(exchange.name()).isEqualTo(exchange.defaults());
        }
    }

    @Test
    void shouldShowTheJarsDatabaseInTheExampleConfiguration() throws IOException {
        String key = "spring.datasource.url";

        assertThat(yaml(exampleConfig()).getFirst().getProperty(key))
                .hasToString(yaml(new ClassPathResource("application.yml")).getFirst().getProperty(key).toString());
    }

    @Test
    void shouldKeepEveryDefaultThatIsNotSet() {
        TradingProperties p = bind(Map.of("trading.exchanges.kraken.max-attempts", "2",
                "trading.exchanges.kraken.budget.window", "3s"));

        assertThat(p.settings(Exchanges.KRAKEN)).isEqualTo(Exchanges.KRAKEN.defaults()
                .withRetry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15)))
                .withBudget(new RateBudget(1, Duration.ofSeconds(3), 1)));
        assertThat(p.settings(Exchanges.BINANCE)).isEqualTo(Exchanges.BINANCE.defaults());
    }

    @Test
    void shouldReadAnExchangeFromEnvironmentVariables() {
        TradingProperties p = bind(List.of(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "TRADING_EXCHANGES_COINBASE_BASEURL", "http://127.0.0.1:8080",
                "TRADING_EXCHANGES_COINBASE_MAXATTEMPTS", "2"))));

        assertThat(p.settings(Exchanges.COINBASE).baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(p.settings(Exchanges.COINBASE).retry().maxAttempts()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnExchangeThatIsNotInTheRegistry() {
        assertThatThrownBy(() -> bind(Map.of("trading.exchanges.bitfinex.base-url", "https://api.bitfinex.com")))
                .rootCause().isInstanceOf(BadInputException.class)
                .hasMessage("trading.exchanges.bitfinex: unknown exchange (known: binance, coinbase, kraken)");
    }

    @Test
    void shouldStartAMarketWithoutHistoryTheDefaultHistoryBack() {
        TradingProperties p = bind(Map.of("trading.backfill.default-history", "7d",
                "trading.markets[0].exchange", "binance", "trading.markets[0].symbol", "BTC/USDT",
                "trading.markets[0].timeframes", "1h",
                "trading.markets[1].exchange", "kraken", "trading.markets[1].symbol", "BTC/USD",
                "trading.markets[1].timeframes", "4h", "trading.markets[1].history", "110d"));

        assertThat(p.markets()).extracting(TradingProperties.MarketProperties::history)
                .containsExactly(Duration.ofDays(7), Duration.ofDays(110));
        assertThat(bind(Map.of()).backfill().defaultHistory()).isEqualTo(Duration.ofDays(30));
    }
}
