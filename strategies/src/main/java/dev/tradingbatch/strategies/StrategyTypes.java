package dev.tradingbatch.strategies;

import dev.tradingbatch.strategies.json.Ta4jDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every strategy type a declaration may name: the built-in ones and those of the plugins, one type per name. The
 * one list the configuration checks, the messages ({@code known: ...}) and {@code strategies types} read.
 */
public final class StrategyTypes {

    private static final StrategyTypes BUILT_IN = of(
            List.of(StrategyType.MACD, StrategyType.RSI, StrategyType.SCALPING, StrategyType.TREND));

    private final Map<String, StrategyType> byCode;

    private StrategyTypes(Map<String, StrategyType> byCode) {
        this.byCode = byCode;
    }

    /** The types that come with the application. */
    public static StrategyTypes builtIn() {
        return BUILT_IN;
    }

    /**
     * These types, by name.
     *
     * @throws InvalidStrategyException when two have one name, naming where each came from
     */
    public static StrategyTypes of(List<StrategyType> types) {
        Map<String, StrategyType> byCode = new TreeMap<>();
        for (StrategyType type : types) {
            if (type.code().equals(Ta4jDefinition.TYPE)) {
                throw new InvalidStrategyException("strategy type name '" + Ta4jDefinition.TYPE + "' of " + type.origin()
                        + " is taken: it declares a strategy in ta4j's JSON");
            }
            StrategyType before = byCode.putIfAbsent(type.code(), type);
            if (before != null) {
                throw new InvalidStrategyException("two strategy types are named '" + type.code() + "': "
                        + before.origin() + " and " + type.origin());
            }
        }
        return new StrategyTypes(byCode);
    }

    /** These types and {@code more}, checked as {@link #of} does. */
    public StrategyTypes with(List<StrategyType> more) {
        List<StrategyType> all = new ArrayList<>(byCode.values());
        all.addAll(more);
        return of(all);
    }

    /** The type named {@code code}; the message lists the known names. */
    public StrategyType get(String code) {
        return find(code).orElseThrow(() -> new InvalidStrategyException(
                "unknown strategy type '" + code + "' (known: " + codes() + ")"));
    }

    public Optional<StrategyType> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** {@link StrategySpec#of(StrategyType, Map)} of the type named {@code code}. */
    public StrategySpec spec(String code, Map<String, String> rawParams) {
        return StrategySpec.of(get(code), rawParams);
    }

    /** Every type, by name. */
    public List<StrategyType> all() {
        return List.copyOf(byCode.values());
    }

    /** The names in alphabetical order, comma separated. */
    public String codes() {
        return String.join(", ", byCode.keySet());
    }
}
