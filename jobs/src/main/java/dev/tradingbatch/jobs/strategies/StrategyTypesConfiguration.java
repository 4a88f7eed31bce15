package dev.tradingbatch.jobs.strategies;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.StrategyPlugins;
import dev.tradingbatch.strategies.StrategyTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The strategy types a declaration may name: the built-in ones and those of the plugin jars. */
@Configuration(proxyBeanMethods = false)
class StrategyTypesConfiguration {

    /**
     * The plugin jars of {@code trading.plugins.dir}, loaded when any command starts, so that a plugin that fails to
     * load stops it (exit code 2, naming the jar); their jars are closed with the application.
     */
    @Bean(destroyMethod = "close")
    StrategyPlugins strategyPlugins(TradingProperties properties) {
        try {
            return StrategyPlugins.load(properties.plugins().dir());
        } catch (InvalidStrategyException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The one list of types: configuration checks, replays and {@code strategies types} read it. */
    @Bean
    StrategyTypes strategyTypes(StrategyPlugins plugins) {
        return plugins.types();
    }
}
