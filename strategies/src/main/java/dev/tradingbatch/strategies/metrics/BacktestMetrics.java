package dev.tradingbatch.strategies.metrics;

import dev.tradingbatch.model.Fill;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a backtest did over its evaluated candles, under the equity model of the package description. Amounts are in
 * quote currency and exact; percents of amounts are 12 decimals HALF_EVEN; ratio statistics are doubles, empty where
 * they are undefined. Times are UTC epoch ms.
 *
 * @param start                   the first candle's open time
 * @param end                     the last candle's close time (open time + timeframe)
 * @param candles                 evaluated candles
 * @param startEquity             the stake
 * @param finalEquity             the equity at the last close
 * @param realisedPnl             the sum of the closed round trips' pnl
 * @param unrealisedPnl           the open position marked at the last close: quantity × close − (price × quantity +
 *                                fee) of its BUY; zero when flat. {@code finalEquity = startEquity + realisedPnl +
 *                                unrealisedPnl}
 * @param openPosition            the BUY still open at the end
 * @param totalReturnPercent      {@code (finalEquity − startEquity) / startEquity × 100}
 * @param annualisedReturnPercent {@code ((1 + R)^(365.25 days / (end − start)) − 1) × 100}, R the total return as a
 *                                fraction; −100 when the final equity is zero or less; may be infinite over a short
 *                                span
 * @param maxDrawdown             the largest fall of equity at the closes from a running peak, the stake at the start
 *                                counting as a peak, by percent of the peak; empty when equity never fell below a peak
 * @param trades                  closed round trips (a BUY and the SELL after it)
 * @param wins                    round trips with pnl above zero
 * @param losses                  round trips with pnl below zero
 * @param winRatePercent          {@code wins / trades × 100}; zero without trades
 * @param grossProfit             the sum of the positive pnl
 * @param grossLoss               minus the sum of the negative pnl, zero or more
 * @param profitFactor            {@code grossProfit / grossLoss}; empty without a losing trade ("n/a")
 * @param sharpe                  annualised Sharpe ratio of the per-candle returns; empty for fewer than 2 candles, no
 *                                deviation (a flat curve), or an equity of zero or less
 * @param sortino                 annualised Sortino ratio of the per-candle returns; empty likewise, or without a
 *                                negative return
 * @param exposurePercent         candles during which a position was held (from the one after a BUY's candle to its
 *                                SELL's candle, or to the last) over all candles × 100
 * @param buyAndHoldReturnPercent the total return of buying with the same fill model at the first candle's close and
 *                                holding to the last, marked like an open position; zero when the stake buys nothing
 * @param equityCurve             the equity and drawdown at each candle's close; empty in a replay's
 *                                {@link Metrics#summary}
 */
public record BacktestMetrics(long start, long end, int candles, BigDecimal startEquity, BigDecimal finalEquity,
                              BigDecimal realisedPnl, BigDecimal unrealisedPnl, Optional<Fill> openPosition,
                              BigDecimal totalReturnPercent, double annualisedReturnPercent,
                              Optional<Drawdown> maxDrawdown, int trades, int wins, int losses,
                              BigDecimal winRatePercent, BigDecimal grossProfit, BigDecimal grossLoss,
                              OptionalDouble profitFactor, OptionalDouble sharpe, OptionalDouble sortino,
                              BigDecimal exposurePercent, BigDecimal buyAndHoldReturnPercent,
                              List<EquityPoint> equityCurve) {

    public BacktestMetrics {
        equityCurve = List.copyOf(equityCurve);
    }

    /** The max drawdown's percent, zero when there was none. */
    public BigDecimal maxDrawdownPercent() {
        return maxDrawdown.map(Drawdown::percent).orElse(BigDecimal.ZERO);
    }
}
