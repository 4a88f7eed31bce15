package dev.tradingbatch.strategies.json;

import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.ScaleFreeNum;
import dev.tradingbatch.strategies.StrategySpec;
import java.util.Optional;
import org.ta4j.core.BaseBarSeriesBuilder;

/**
 * Any strategy, of a built-in type, a plugin's or declared in JSON, as ta4j's JSON that {@code type: ta4j} declares
 * again, checked: read back, it must give the same signals ({@link Ta4jRoundTrip}).
 *
 * @param json       the strategy as ta4j's JSON, its warm-up as {@code unstableBars}
 * @param difference how the JSON read back differs from the strategy, when it does (a rule or indicator that neither
 *                   ta4j nor {@link Ta4jJsonWriter} writes faithfully)
 */
public record Ta4jExport(String json, Optional<String> difference) {

    public static Ta4jExport of(StrategySpec spec) {
        String json = Ta4jJsonWriter.write(spec.build(new BaseBarSeriesBuilder().withName("export")
                .withNumFactory(ScaleFreeNum.Factory.INSTANCE).build()));
        Optional<String> difference;
        try {
            difference = Ta4jRoundTrip.difference(spec::build, json);
        } catch (RuntimeException e) {
            difference = Optional.of("ta4j cannot read it back: " + where(json, e));
        }
        return new Ta4jExport(json, difference);
    }

    /**
     * Where in {@code json} ta4j fails, as a declaration's check names it (a plugin's own indicator is no type of
     * ta4j's: the check names it, where ta4j names the rule above it); ta4j's message when the check finds nothing.
     */
    private static String where(String json, RuntimeException e) {
        try {
            Ta4jJsonCheck.strategy(json);
        } catch (InvalidStrategyException located) {
            return located.getMessage();
        }
        return Ta4jJsonCheck.ta4jMessage(e);
    }

    public boolean faithful() {
        return difference.isEmpty();
    }
}
