package dev.tradingbatch.jobs.alerts;

import dev.tradingbatch.db.AlertEvent;

import java.io.IOException;

/** Where alerts go: a webhook, a Telegram chat. */
interface AlertChannel {

    /** As recorded in {@code alert_events.channel}. */
    String name();

    /** Whether events of this kind are sent here. */
    boolean wants(String kind);

    /** Delivers one alert; an exception (its message never holds a secret) when the channel did not take it. */
    void send(AlertEvent event) throws IOException, InterruptedException;
}
