/**
 * Performance of a backtest: {@link dev.tradingbatch.strategies.metrics.Metrics#compute} turns the evaluated candles
 * of a replay and the fills {@link dev.tradingbatch.strategies.PaperTrader} made on them into
 * {@link dev.tradingbatch.strategies.metrics.BacktestMetrics}.
 *
 * <p>The equity model: the account starts with {@code stake} in cash (quote currency) and nothing held. A BUY pays its
 * cost, price × quantity + fee, out of cash and holds its quantity; a SELL gives back that cost plus the SELL's pnl
 * (its proceeds, price × quantity − fee, as the fill model rounds the pnl), so equity after a round trip is exactly
 * the equity before it plus its pnl. Equity at a candle's close is cash + quantity held × close, after the fill of
 * that candle if any: an open position is marked at the raw close, without selling fee or slippage. Every entry
 * spends the same stake whatever the equity, so cash goes below zero by the fee when a BUY uses the whole stake, and
 * further after losses; equity is still cash + holdings.
 *
 * <p>Times are UTC epoch milliseconds. The equity is measured at the start (the first candle's open, equity =
 * stake) and at each candle's close (open time + timeframe); fills name their candle by its open time.
 */
package dev.tradingbatch.strategies.metrics;
