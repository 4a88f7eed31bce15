/** ta4j strategies (RSI, MACD, Scalping, Trend) and paper execution: arrives with the strategies issue. */
package dev.tradingbatch.strategies;
