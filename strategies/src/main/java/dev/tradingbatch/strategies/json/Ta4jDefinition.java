package dev.tradingbatch.strategies.json;

import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategy.api.ComposedStrategy;
import dev.tradingbatch.strategy.api.Param;
import dev.tradingbatch.strategy.api.ParamValues;
import dev.tradingbatch.strategy.api.StrategyDefinition;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * A strategy declared in ta4j's own JSON ({@code type: ta4j}): its rules read with {@code Strategy.fromJson} on each
 * series it runs on, no parameters (the values are in the JSON), and a warm-up that is the strategy's
 * {@code unstableBars}, or when it has none what its indicators call unstable, unless the declaration says
 * {@code warm-up:}. Made by {@link #parse}, which checks the JSON first.
 */
public final class Ta4jDefinition implements StrategyDefinition {

    /** The type name that declares a strategy in JSON. */
    public static final String TYPE = "ta4j";

    private final String json;
    private final int warmUp;

    Ta4jDefinition(String json, int warmUp) {
        this.json = json;
        this.warmUp = warmUp;
    }

    /**
     * The definition of {@code json}, checked: it parses, names only rules and indicators ta4j knows with arguments
     * they take, has an entry and an exit rule, and evaluates on a test series.
     *
     * @param warmUp the declared warm-up, or null to take it from the strategy
     * @throws InvalidStrategyException one line saying where in the JSON the problem is ({@code at
     *         $.rules[0].components[1] (RSIIndicator): ...})
     */
    public static Ta4jDefinition parse(String json, Integer warmUp) {
        Strategy strategy = Ta4jJsonCheck.strategy(json);
        if (warmUp != null && warmUp < 0) {
            throw new InvalidStrategyException("warm-up must be >= 0, got " + warmUp);
        }
        int bars = warmUp != null ? warmUp : strategy.getUnstableBars() > 0 ? strategy.getUnstableBars()
                : new ComposedStrategy(strategy, Components.indicators(strategy)).unstableBars();
        return new Ta4jDefinition(json, bars);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "a strategy declared in ta4j's JSON";
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public int warmUpBars(ParamValues params) {
        return warmUp;
    }

    @Override
    public ComposedStrategy compose(BarSeries series, ParamValues params) {
        Strategy strategy = Strategy.fromJson(series, json);
        return new ComposedStrategy(strategy, Components.indicators(strategy));
    }

    /** The JSON as declared. */
    public String json() {
        return json;
    }

    /**
     * What identifies this definition for a run: the SHA-256 of its JSON written compactly (its layout does not
     * count) and its warm-up.
     */
    public String fingerprint() {
        String compact = JsonParser.parseString(json).toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest) + " warm-up=" + warmUp;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
