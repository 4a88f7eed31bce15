package dev.tradingbatch.jobs.alerts;

import dev.tradingbatch.db.AlertEvent;
import dev.tradingbatch.jobs.config.AlertProperties;

import java.io.IOException;
import java.net.URI;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code trading.alerts.webhook}: each alert POSTed as {@code {"text": ..., "event": ..., "subject": ..., "key": ...,
 * "created_at": ...}}; Slack's incoming webhooks show {@code text} and ignore the rest.
 */
final class WebhookChannel implements AlertChannel {

    private final AlertProperties.Webhook settings;

    WebhookChannel(AlertProperties.Webhook settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean wants(String kind) {
        return settings.wants(kind);
    }

    @Override
    public void send(AlertEvent e) throws IOException, InterruptedException {
        String json = "{\"text\":" + HttpPost.quote(e.message()) + ",\"event\":" + HttpPost.quote(e.kind())
                + ",\"subject\":" + HttpPost.quote(e.subject()) + ",\"key\":" + HttpPost.quote(e.eventKey())
                + ",\"created_at\":" + HttpPost.quote(iso(e.createdAt())) + "}";
        URI uri = URI.create(settings.url().strip());
        // a Slack webhook's path is its secret: errors name the host only
        HttpPost.json(uri, json, "webhook " + uri.getScheme() + "://" + uri.getAuthority());
    }
}
