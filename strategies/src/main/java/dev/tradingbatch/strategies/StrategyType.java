package dev.tradingbatch.strategies;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The strategy types a strategy can be declared with, by the code users write: {@code rsi}, {@code macd}, ... */
public enum StrategyType {
    MACD("macd", new MacdStrategy()),
    RSI("rsi", new RsiStrategy()),
    SCALPING("scalping", new ScalpingStrategy()),
    TREND("trend", new TrendStrategy());

    private final String code;
    private final StrategyDefinition definition;

    StrategyType(String code, StrategyDefinition definition) {
        this.code = code;
        this.definition = definition;
    }

    public String code() {
        return code;
    }

    StrategyDefinition definition() {
        return definition;
    }

    /** The type with this code; the message lists the known codes. */
    public static StrategyType parse(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidStrategyException(
                        "unknown strategy type '" + code + "' (known: " + codes() + ")"));
    }

    /** The codes in alphabetical order, comma separated. */
    public static String codes() {
        return Arrays.stream(values()).map(StrategyType::code).sorted().collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
