package dev.tradingbatch.strategies;

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
    private final SortedMap<String, BigDecimal> values;

    private StrategySpec(StrategyType type, SortedMap<String, BigDecimal> values) {
        this.type = type;
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /**
     * Validates a type name and the raw texts of its parameters (as read from YAML) and applies the defaults.
     *
     * @throws InvalidStrategyException naming the first type or key that is wrong and what it accepts
     */
    public static StrategySpec of(String typeName, Map<String, String> rawParams) {
        StrategyType type = StrategyType.parse(typeName);
        StrategyDefinition definition = type.definition();
        TreeSet<String> known = new TreeSet<>();
        definition.params().forEach(p -> known.add(p.key()));
        for (String key : new TreeSet<>(rawParams.keySet())) {
            if (!known.contains(key)) {
                throw new InvalidStrategyException("unknown param '" + key + "' for " + type + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
        SortedMap<String, BigDecimal> values = new TreeMap<>();
        for (Param param : definition.params()) {
            if (rawParams.containsKey(param.key())) {
                values.put(param.key(), param.parse(rawParams.get(param.key())));
            } else if (param.defaultText() != null) {
                values.put(param.key(), Param.canonical(new BigDecimal(param.defaultText())));
            }
        }
        for (StrategyDefinition.Ordered pair : definition.ordered()) {
            BigDecimal lower = values.get(pair.lower());
            BigDecimal higher = values.get(pair.higher());
            if (lower.compareTo(higher) >= 0) {
                throw new InvalidStrategyException("param '" + pair.lower() + "' (" + lower.toPlainString()
                        + ") must be below '" + pair.higher() + "' (" + higher.toPlainString() + ")");
            }
        }
        return new StrategySpec(type, values);
    }

    /** {@link #of(String, Map)} with every parameter at its default. */
    public static StrategySpec defaults(StrategyType type) {
        return of(type.code(), Map.of());
    }

    public StrategyType type() {
        return type;
    }

    /** The resolved parameters as canonical texts ({@code 1.0} is {@code 1}), sorted by key: what a run records. */
    public SortedMap<String, String> params() {
        SortedMap<String, String> texts = new TreeMap<>();
        values.forEach((key, value) -> texts.put(key, value.toPlainString()));
        return Collections.unmodifiableSortedMap(texts);
    }

    /**
     * Bars of history to load before the first candle that is evaluated. The strategy built here evaluates no bar
     * with a smaller index, so whoever feeds a series sees its first signal at index {@code warmUpBars()} at the
     * earliest. The per-type formulas are in docs/strategies.md ("Warm-up").
     */
    public int warmUpBars() {
        return type.definition().warmUpBars(this);
    }

    /** The ta4j strategy of this spec on {@code series}, unstable for the first {@link #warmUpBars()} bars. */
    public Strategy build(BarSeries series) {
        return compose(series).strategy();
    }

    ComposedStrategy compose(BarSeries series) {
        ComposedStrategy composed = type.definition().compose(series, this);
        composed.strategy().setUnstableBars(warmUpBars());
        return composed;
    }

    int integer(String key) {
        return value(key).intValueExact();
    }

    BigDecimal decimal(String key) {
        return value(key);
    }

    Optional<BigDecimal> optional(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private BigDecimal value(String key) {
        return Objects.requireNonNull(values.get(key), () -> "no value for param '" + key + "' of " + type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrategySpec other && type == other.type && values.equals(other.values);
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
