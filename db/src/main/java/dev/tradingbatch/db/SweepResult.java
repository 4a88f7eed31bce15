package dev.tradingbatch.db;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * What one parameter set of a sweep gave ({@code sweep_results}): the exact values replay's figures are rounded
 * from. Percents and amounts are exact decimals; ratios are doubles, empty where they are undefined.
 *
 * @param sweepId        the sweep's job instance id
 * @param setIndex       the set's place in the sweep's list of sets, from 0
 * @param params         the set's resolved parameters, JSON as a trade's
 * @param evaluated      candles evaluated
 * @param trades         closed round trips
 * @param profitFactor   empty without a losing trade
 * @param positionOpen   whether a position was still open at the end
 * @param jobExecutionId the execution that computed the set
 * @param computedAt     UTC epoch ms
 */
public record SweepResult(long sweepId, int setIndex, String strategyId, String params, int evaluated,
                          BigDecimal totalReturnPercent, double annualisedReturnPercent, BigDecimal buyAndHoldPercent,
                          BigDecimal maxDrawdownPercent, int trades, BigDecimal winRatePercent,
                          OptionalDouble profitFactor, OptionalDouble sharpe, OptionalDouble sortino,
                          BigDecimal exposurePercent, BigDecimal finalEquity, boolean positionOpen, long jobExecutionId,
                          long computedAt) {
}
