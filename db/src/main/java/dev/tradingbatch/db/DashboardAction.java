package dev.tradingbatch.db;

/**
 * A row of {@code dashboard_actions}: one action a person asked the dashboard for, and how it ended.
 *
 * @param at       UTC epoch ms, when it was asked for
 * @param username the signed-in user who asked
 * @param action   {@code halt}, {@code resume} or {@code restart}
 * @param target   the strategy_id, or the job execution id
 * @param outcome  {@code done}, {@code refused}, {@code failed}, or {@code started} while a restart runs
 * @param message  what the person was told
 */
public record DashboardAction(long id, long at, String username, String action, String target, String outcome,
                              String message) {
}
