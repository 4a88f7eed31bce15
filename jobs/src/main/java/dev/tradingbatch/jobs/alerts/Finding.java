package dev.tradingbatch.jobs.alerts;

/**
 * An event a scan found in the database, before it is recorded for its channels.
 *
 * @param key     unique per event: the same event found again (another scan, another process) has the same key
 * @param kind    one of {@code AlertProperties.KINDS}
 * @param subject the strategy, series or job it is about
 * @param message what happened and what to do, one paragraph
 */
record Finding(String key, String kind, String subject, String message) {
}
