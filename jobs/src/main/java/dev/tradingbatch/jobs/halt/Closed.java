package dev.tradingbatch.jobs.halt;

/**
 * What {@code halt --close} did for one strategy.
 *
 * @param strategyId the strategy
 * @param text       what was closed (quantity, order and its status) or why nothing was, one line
 * @param failed     whether an order of the close failed or is not settled yet: {@code halt --close} again asks
 *                   the exchange for it before sending anything
 */
public record Closed(String strategyId, String text, boolean failed) {
}
