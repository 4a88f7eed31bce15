package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code trading.alerts}: what {@code run} tells people about, and where (docs/operations.md, "Alerts"). Off
 * unless a channel is configured.
 *
 * @param interval   how often a service scans for events and sends the pending ones
 * @param staleAfter a configured series is stale once this many closed candles are missing after its newest
 * @param lookback   events older than this are not recorded (a first scan does not replay history)
 * @param retry      the wait after a channel's first failed attempt, doubled after each further one
 * @param maxRetry   the longest wait between attempts
 * @param driftThreshold a strategy whose stored drift score (percent) is over this is alerted about
 * @param webhook    a generic JSON webhook (Slack-compatible {@code text})
 * @param telegram   a Telegram bot
 * @param maxAttempts failed deliveries of an alert after which it is given up (kept, listed, never tried again)
 */
public record AlertProperties(@DefaultValue("1m") Duration interval, @DefaultValue("3") int staleAfter,
                              @DefaultValue("24h") Duration lookback, @DefaultValue("30s") Duration retry,
                              @DefaultValue("1h") Duration maxRetry, @DefaultValue Webhook webhook,
                              @DefaultValue Telegram telegram, @DefaultValue("10") BigDecimal driftThreshold,
                              @DefaultValue("10") int maxAttempts) {

    /** The kinds of event, as configured in {@code events} and recorded in {@code alert_events.kind}. */
    public static final List<String> KINDS = List.of("trade", "job-failed", "halted", "stale", "drift");

    public AlertProperties {
        if (interval.isNegative() || interval.isZero() || retry.isNegative() || retry.isZero()) {
            throw new BadInputException("trading.alerts.interval and retry must be positive");
        }
        if (maxAttempts < 1) {
            throw new BadInputException("trading.alerts.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (staleAfter < 1) {
            throw new BadInputException("trading.alerts.stale-after must be at least 1, was " + staleAfter);
        }
        if (driftThreshold.signum() < 0 || driftThreshold.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new BadInputException("trading.alerts.drift-threshold is a percent from 0 to under 100, was "
                    + driftThreshold.toPlainString());
        }
        checkEvents("webhook", webhook.events());
        checkEvents("telegram", telegram.events());
    }

    private static void checkEvents(String channel, List<String> events) {
        for (String e : events) {
            if (!KINDS.contains(e)) {
                throw new BadInputException("trading.alerts." + channel + ".events: unknown event '" + e
                        + "' (expected " + String.join(", ", KINDS) + ")");
            }
        }
    }

    /** Whether any channel is configured: only then does {@code run} scan. */
    public boolean enabled() {
        return webhook.configured() || telegram.configured();
    }

    /**
     * @param url    where each alert is POSTed as JSON; unset: no webhook
     * @param events the kinds sent there (default: every kind)
     */
    public record Webhook(String url, @DefaultValue({"trade", "job-failed", "halted", "stale", "drift"}) List<String> events) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }

        public boolean wants(String kind) {
            return configured() && Set.copyOf(events).contains(kind);
        }
    }

    /**
     * @param botTokenEnv  the environment variable holding the bot token (never the configuration)
     * @param botTokenFile instead: the file holding it
     * @param chatId       the chat the bot writes to; unset: no Telegram
     * @param baseUrl      the Bot API
     * @param events       the kinds sent there (default: every kind)
     */
    public record Telegram(String botTokenEnv, String botTokenFile, String chatId,
                           @DefaultValue("https://api.telegram.org") String baseUrl,
                           @DefaultValue({"trade", "job-failed", "halted", "stale", "drift"}) List<String> events) {

        public boolean configured() {
            return chatId != null && !chatId.isBlank();
        }

        public boolean wants(String kind) {
            return configured() && Set.copyOf(events).contains(kind);
        }
    }
}
