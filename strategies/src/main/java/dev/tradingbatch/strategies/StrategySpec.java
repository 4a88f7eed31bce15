package dev.tradingbatch.strategies;

import dev.tradingbatch.strategies.json.Ta4jDefinition;
import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.SharedIndicators;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/** A validated strategy type and its parameters, defaults applied: what a ta4j {@link Strategy} is built from. */
public final class StrategySpec {

    private final StrategyType type;
    private final ParamValues values;

    private StrategySpec(StrategyType type, ParamValues values) {
        this.type = type;
        this.values = values;
    }

    /**
     * {@link #of(StrategyType, Map)} of the built-in type named {@code typeName}.
     *
     * @throws InvalidStrategyException naming the first type or key that is wrong and what it accepts
     */
    public static StrategySpec of(String typeName, Map<String, String> rawParams) {
        return StrategyTypes.builtIn().spec(typeName, rawParams);
    }

    /**
     * Validates the raw texts of a type's parameters (as read from YAML) and applies the defaults.
     *
     * @throws InvalidStrategyException naming the first key that is wrong and what it accepts
     */
    public static StrategySpec of(StrategyType type, Map<String, String> rawParams) {
        TreeSet<String> known = new TreeSet<>();
        type.params().forEach(p -> known.add(p.key()));
        for (String key : new TreeSet<>(rawParams.keySet())) {
            if (!known.contains(key)) {
                throw new InvalidStrategyException("unknown param '" + key + "' for " + type + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
        SortedMap<String, BigDecimal> values = new TreeMap<>();
        for (Param param : type.params()) {
            if (rawParams.containsKey(param.key())) {
                values.put(param.key(), parse(param, rawParams.get(param.key())));
            } else if (!param.optional()) {
                values.put(param.key(), Decimals.canonical(new BigDecimal(param.defaultText().strip())));
            }
        }
        for (StrategyDefinition.Ordered pair : type.definition().ordered()) {
            BigDecimal lower = values.get(pair.lower());
            BigDecimal higher = values.get(pair.higher());
            if (lower != null && higher != null && lower.compareTo(higher) >= 0) {
                throw new InvalidStrategyException("param '" + pair.lower() + "' (" + lower.toPlainString()
                        + ") must be below '" + pair.higher() + "' (" + higher.toPlainString() + ")");
            }
        }
        return new StrategySpec(type, ParamValues.of(values));
    }

    /** {@link #of(StrategyType, Map)} with every parameter at its default. */
    public static StrategySpec defaults(StrategyType type) {
        return of(type, Map.of());
    }

    public StrategyType type() {
        return type;
    }

    /** The resolved parameters as canonical texts ({@code 1.0} is {@code 1}), sorted by key: what a run records. */
    public SortedMap<String, String> params() {
        SortedMap<String, String> texts = new TreeMap<>();
        values.asMap().forEach((key, value) -> texts.put(key, value.toPlainString()));
        return Collections.unmodifiableSortedMap(texts);
    }

    /** The resolved parameters as the type's definition reads them. */
    public ParamValues values() {
        return values;
    }

    /**
     * The type and what sets it apart, as commands print it: {@code rsi overbought=70,oversold=30,period=14}, or for a
     * strategy declared in ta4j's JSON where it is declared, {@code ta4j config/strategies/rsi-stop.json}.
     */
    public String label() {
        if (definition().isPresent()) {
            return type.code() + " " + type.origin();
        }
        String params = String.join(",", params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        return params.isEmpty() ? type.code() : type.code() + " " + params;
    }

    /**
     * For a strategy declared in ta4j's JSON, what identifies its definition ({@link Ta4jDefinition#fingerprint}):
     * its rules are not in its params. Empty for the other types, which their params identify.
     */
    public Optional<String> definition() {
        return type.definition() instanceof Ta4jDefinition json ? Optional.of(json.fingerprint()) : Optional.empty();
    }

    /**
     * Bars of history to load before the first candle that is evaluated. The strategy built here evaluates no bar
     * with a smaller index, so whoever feeds a series sees its first signal at index {@code warmUpBars()} at the
     * earliest. The per-type formulas are in docs/strategies.md ("Warm-up").
     */
    public int warmUpBars() {
        return type.definition().warmUpBars(values);
    }

    /** The ta4j strategy of this spec on {@code series}, unstable for the first {@link #warmUpBars()} bars. */
    public Strategy build(BarSeries series) {
        return compose(series).strategy();
    }

    ComposedStrategy compose(BarSeries series) {
        return compose(series, SharedIndicators.NONE);
    }

    /** The strategy on {@code series}, taking the indicators the type shares from {@code shared}. */
    ComposedStrategy compose(BarSeries series, SharedIndicators shared) {
        ComposedStrategy composed = type.definition().compose(series, values, shared);
        composed.strategy().setUnstableBars(warmUpBars());
        return composed;
    }

    /** Parses a raw text (as read from YAML) into its canonical value, or says what is allowed. */
    private static BigDecimal parse(Param param, String raw) {
        String text = raw == null ? "" : raw.strip();
        BigDecimal value;
        try {
            value = param.integer() ? BigDecimal.valueOf(Integer.parseInt(text)) : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid(param, raw);
        }
        if (!param.accepts(value)) {
            throw invalid(param, raw);
        }
        return Decimals.canonical(value);
    }

    private static InvalidStrategyException invalid(Param param, String raw) {
        return new InvalidStrategyException("param '" + param.key() + "' must be " + param.describe() + ", got '"
                + (raw == null ? "" : raw) + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrategySpec other && type.equals(other.type) && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, values);
    }

    @Override
    public String toString() {
        return type + " " + params();
    }
}
