package dev.tradingbatch.jobs.alerts;

import dev.tradingbatch.db.AlertEvent;
import dev.tradingbatch.jobs.config.AlertProperties;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

/**
 * {@code trading.alerts.telegram}: each alert sent by the Bot API's {@code POST /bot<token>/sendMessage} with
 * {@code chat_id} and {@code text}. The token is read when a message is sent, appears only in that URL's path and
 * is never logged, stored or printed.
 */
final class TelegramChannel implements AlertChannel {

    private final AlertProperties.Telegram settings;
    private final Supplier<String> token;

    TelegramChannel(AlertProperties.Telegram settings, Supplier<String> token) {
        this.settings = settings;
        this.token = token;
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public boolean wants(String kind) {
        return settings.wants(kind);
    }

    @Override
    public void send(AlertEvent e) throws IOException, InterruptedException {
        String base = settings.baseUrl().strip().replaceAll("/+$", "");
        String json = "{\"chat_id\":" + HttpPost.quote(settings.chatId().strip()) + ",\"text\":"
                + HttpPost.quote(e.message()) + "}";
        String secret = token.get();
        try {
            HttpPost.json(URI.create(base + "/bot" + secret + "/sendMessage"), json,
                    "telegram " + base + "/bot***/sendMessage");
        } catch (IOException | RuntimeException failed) {
            // whatever the API or the HTTP client answered, the token goes no further than the request
            throw new IOException(String.valueOf(failed.getMessage()).replace(secret, "***"));
        }
    }
}
