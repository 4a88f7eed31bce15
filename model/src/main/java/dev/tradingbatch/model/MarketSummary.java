package dev.tradingbatch.model;

/** What is stored for one series: first and last candle open times (UTC epoch ms) and the count. */
public record MarketSummary(MarketKey market, long firstOpenTime, long lastOpenTime, long count) {
}
