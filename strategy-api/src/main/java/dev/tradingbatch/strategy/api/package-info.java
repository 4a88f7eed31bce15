/**
 * The strategy API: what a strategy type is made of ({@link dev.tradingbatch.strategy.api.StrategyDefinition}), its
 * parameters ({@link dev.tradingbatch.strategy.api.Param}, {@link dev.tradingbatch.strategy.api.ParamValues}) and
 * its ta4j rules ({@link dev.tradingbatch.strategy.api.ComposedStrategy}). The built-in types and plugins are
 * written against it; it depends on ta4j alone.
 */
package dev.tradingbatch.strategy.api;
