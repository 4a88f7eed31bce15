package dev.tradingbatch.jobs.metrics;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * One strategy's live figures for the metrics: the {@code report} command's, amounts exact in the market's
 * quote currency.
 *
 * @param equity              stake plus realised pnl plus the open position's unrealised pnl at the newest close
 * @param realisedPnl         the sum of the round trips' pnl, after fees
 * @param position            the open position's quantity, zero when flat
 * @param maxDrawdown         the largest fall of realised equity
 * @param maxDrawdownPercent  that fall as a percent of the stake it began with
 * @param trades              live trades, buys and sells: Query 2's {@code total_trades}
 * @param lastEvaluationAgeSeconds seconds since the newest candle the strategy evaluated closed; empty before its first
 * @param halted              whether a halt stops it from trading ({@code halt --strategy} or {@code halt --all})
 */
public record StrategyFigures(String strategy, BigDecimal equity, BigDecimal realisedPnl, BigDecimal position,
                             BigDecimal maxDrawdown, BigDecimal maxDrawdownPercent, long trades,
                             OptionalLong lastEvaluationAgeSeconds, boolean halted) {
}
