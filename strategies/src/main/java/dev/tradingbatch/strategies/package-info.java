/**
 * The strategy types (the built-in RSI, MACD, Scalping and Trend, written against the strategy API of
 * {@code dev.tradingbatch.strategy.api}, and those of plugins), validated from their parameters into ta4j
 * strategies, the fill model, and {@link dev.tradingbatch.strategies.PaperTrader}, which trades one strategy candle
 * by candle, live and in replay.
 */
package dev.tradingbatch.strategies;
