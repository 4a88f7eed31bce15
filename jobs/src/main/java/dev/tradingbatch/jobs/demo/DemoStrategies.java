package dev.tradingbatch.jobs.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's four traders, one per strategy type, on the bundled real sample data, and the
 * configuration properties that declare them (they join whatever {@code trading.strategies} holds).
 */
public final class DemoStrategies {

    record Sample(String file, String exchange, String symbol, String timeframe) {
    }

    record Trader(String id, Sample sample, String type, Map<String, String> params) {
    }

    static final Sample BITSTAMP = new Sample("bitstamp-BTC-USD-5m.csv", "bitstamp", "BTC/USD", "5m");
    static final Sample BINANCEUS = new Sample("binanceus-ETH-USD-5m.csv", "binanceus", "ETH/USD", "5m");

    static final List<Sample> SAMPLES = List.of(BITSTAMP, BINANCEUS);

    static final List<Trader> TRADERS = List.of(
            new Trader("demo-rsi", BITSTAMP, "rsi", Map.of("period", "14", "oversold", "35", "overbought", "65")),
            new Trader("demo-macd", BITSTAMP, "macd", Map.of("fast", "12", "slow", "26", "signal", "9")),
            new Trader("demo-scalping", BINANCEUS, "scalping",
                    Map.of("fast", "5", "slow", "20", "take-profit", "0.6", "stop-loss", "0.4")),
            new Trader("demo-trend", BITSTAMP, "trend", Map.of("fast", "10", "slow", "30", "adx-period", "14",
                    "adx-threshold", "20", "trailing-stop", "2")));

    private DemoStrategies() {
    }

    public static Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (Trader t : TRADERS) {
            String key = "trading.strategies." + t.id() + ".";
            p.put(key + "exchange", t.sample().exchange());
            p.put(key + "symbol", t.sample().symbol());
            p.put(key + "timeframe", t.sample().timeframe());
            p.put(key + "type", t.type());
            p.put(key + "stake", "1000");
            p.put(key + "fee-rate", "0.001");
            p.put(key + "slippage-bps", "5");
            t.params().forEach((k, v) -> p.put(key + "params." + k, v));
        }
        return p;
    }
}
