/**
 * Strategy types (RSI, MACD, Scalping, Trend) validated from their parameters into ta4j strategies, the fill model,
 * and {@link dev.tradingbatch.strategies.PaperTrader}, which trades one strategy candle by candle, live and in replay.
 */
package dev.tradingbatch.strategies;
