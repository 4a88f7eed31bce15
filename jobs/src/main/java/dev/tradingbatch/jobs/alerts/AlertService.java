package dev.tradingbatch.jobs.alerts;

import dev.tradingbatch.db.AlertEvent;
import dev.tradingbatch.db.AlertRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.AlertProperties;
import dev.tradingbatch.jobs.config.TradingProperties;
import dev.tradingbatch.jobs.live.CredentialSource;
import dev.tradingbatch.jobs.live.EnvironmentVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts outbox (docs/operations.md, "Alerts"): {@link #scanAndSend} records each event {@link AlertScan}
 * finds once per channel that wants it, then delivers what is due; a failed delivery is tried again after
 * {@code trading.alerts.retry}, doubled per attempt up to {@code max-retry}, and given up after {@code max-attempts}. Nothing here waits or throws for a
 * channel that is down: the scheduler and the jobs never notice.
 */
@Service
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    /** Pending alerts sent per pass. */
    private static final int BATCH = 100;
    /** How long a claimed alert is left to its sender before another process may try it. */
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final AlertScan scan;
    private final AlertRepository repository;
    private final AlertProperties settings;
    private final Clock clock;
    private final Map<String, AlertChannel> channels = new LinkedHashMap<>();

    AlertService(AlertScan scan, AlertRepository repository, TradingProperties properties, EnvironmentVariables env,
                 Clock clock) {
        this.scan = scan;
        this.repository = repository;
        this.settings = properties.alerts();
        this.clock = clock;
        if (settings.webhook().configured()) {
            channels.put("webhook", new WebhookChannel(settings.webhook()));
        }
        if (settings.telegram().configured()) {
            CredentialSource token = tokenSource(settings.telegram());
            channels.put("telegram", new TelegramChannel(settings.telegram(), () -> token.read(env)));
        }
    }

    /** What one pass did. */
    public record Outcome(int recorded, int sent, int failed, List<String> errors) {
    }

    /** Whether any channel is configured. */
    public boolean enabled() {
        return !channels.isEmpty();
    }

    /** Records the events found now for their channels, then sends what is due. */
    public Outcome scanAndSend() {
        int recorded = 0;
        long now = clock.millis();
        for (Finding f : scan.scan()) {
            for (AlertChannel c : channels.values()) {
                if (c.wants(f.kind()) && repository.record(AlertEvent.pending(f.key(), c.name(), f.kind(), f.subject(),
                        f.message(), now))) {
                    recorded++;
                }
            }
        }
        Outcome sent = send();
        return new Outcome(recorded, sent.sent(), sent.failed(), sent.errors());
    }

    /** Sends the pending alerts that are due, each claimed first so that no other process sends it too. */
    public Outcome send() {
        int sent = 0;
        List<String> errors = new ArrayList<>();
        long now = clock.millis();
        for (AlertEvent e : repository.due(now, BATCH)) {
            AlertChannel channel = channels.get(e.channel());
            if (channel == null || !repository.claim(e.id(), now, now + CLAIM.toMillis())) {
                continue;   // a channel no longer configured, or another process has it
            }
            try {
                channel.send(e);
                repository.sent(e.id(), clock.millis());
                sent++;
            } catch (IOException | RuntimeException failure) {
                String why = String.valueOf(failure.getMessage());
                errors.add(e.channel() + " " + e.eventKey() + ": " + why);
                if (e.attempts() + 1 >= settings.maxAttempts()) {
                    repository.givenUp(e.id(), why, clock.millis());
                    log.error("alert {} to {} given up after {} failed attempts (trading.alerts.max-attempts), the last:"
                            + " {}; it stays listed by the command alerts", e.eventKey(), e.channel(), e.attempts() + 1, why);
                    continue;
                }
                long next = clock.millis() + backoff(e.attempts()).toMillis();
                repository.failed(e.id(), why, next);
                log.warn("alert {} to {} not sent (attempt {}): {}; next attempt in {}s", e.eventKey(), e.channel(),
                        e.attempts() + 1, why, backoff(e.attempts()).toSeconds());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                repository.failed(e.id(), "interrupted", now);
                break;
            }
        }
        return new Outcome(0, sent, errors.size(), errors);
    }

    /** The wait after {@code attempts} earlier attempts and this failed one: retry, doubled each time, capped. */
    Duration backoff(int attempts) {
        Duration wait = settings.retry();
        for (int i = 0; i < attempts && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    /** The newest alerts recorded, newest first. */
    public List<AlertEvent> recent(int limit) {
        return repository.recent(limit);
    }

    private static CredentialSource tokenSource(AlertProperties.Telegram t) {
        boolean byEnv = t.botTokenEnv() != null && !t.botTokenEnv().isBlank();
        boolean byFile = t.botTokenFile() != null && !t.botTokenFile().isBlank();
        if (byEnv == byFile) {
            throw new BadInputException("trading.alerts.telegram: give one of bot-token-env (an environment variable)"
                    + " or bot-token-file (a file) for the bot's token; it is never taken from the configuration");
        }
        String key = "trading.alerts.telegram.bot-token-" + (byEnv ? "env" : "file");
        return new CredentialSource(key, byFile, (byEnv ? t.botTokenEnv() : t.botTokenFile()).strip());
    }
}
