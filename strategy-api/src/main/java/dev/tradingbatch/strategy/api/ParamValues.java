package dev.tradingbatch.strategy.api;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checked values of a strategy's parameters, defaults applied, each within its {@link Param}'s bounds: what
 * {@link StrategyDefinition#compose} and {@link StrategyDefinition#warmUpBars} read. An optional parameter the user
 * did not set has no value.
 */
public final class ParamValues {

    private final SortedMap<String, BigDecimal> values;

    private ParamValues(SortedMap<String, BigDecimal> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /** The values by key; the application builds them from a declaration once it has checked them. */
    public static ParamValues of(Map<String, BigDecimal> values) {
        return new ParamValues(new TreeMap<>(values));
    }

    /** The value of an integer parameter. */
    public int integer(String key) {
        return value(key).intValueExact();
    }

    /** The value of a number parameter. */
    public BigDecimal decimal(String key) {
        return value(key);
    }

    /** The value of an optional parameter, empty when the user did not set it. */
    public Optional<BigDecimal> optional(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every value, sorted by key. */
    public SortedMap<String, BigDecimal> asMap() {
        return values;
    }

    private BigDecimal value(String key) {
        BigDecimal value = values.get(key);
        if (value == null) {
            throw new NoSuchElementException("no value for param '" + key + "' (values: " + values.keySet() + ")");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamValues other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
