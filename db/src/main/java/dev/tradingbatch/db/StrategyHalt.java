package dev.tradingbatch.db;

import java.util.Optional;

/**
 * A row of {@code strategy_halts}: one strategy halted, or every strategy ({@link #ALL}).
 *
 * @param reason   as the person who halted gave it; empty without one
 * @param haltedAt UTC epoch ms
 */
public record StrategyHalt(String strategyId, Optional<String> reason, long haltedAt) {

    /** The strategy_id of the halt that covers every strategy, declared now or later. */
    public static final String ALL = "*";

    public boolean all() {
        return ALL.equals(strategyId);
    }
}
