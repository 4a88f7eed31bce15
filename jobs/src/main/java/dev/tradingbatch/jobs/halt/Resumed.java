package dev.tradingbatch.jobs.halt;

import dev.tradingbatch.db.StrategyHalt;

import java.util.List;
import java.util.Optional;

/**
 * What {@code resume} lifted.
 *
 * @param strategyId  the strategy resumed, or {@link StrategyHalt#ALL} for {@code resume --all}
 * @param lifted      the halts deleted (none when it was not halted)
 * @param stillHalted for one strategy: the halt of every strategy that still stops it, if there is one
 */
public record Resumed(String strategyId, List<StrategyHalt> lifted, Optional<StrategyHalt> stillHalted) {
}
