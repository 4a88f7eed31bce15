package dev.tradingbatch.strategies.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tradingbatch.strategy.api.TrailingStopRule;
import dev.tradingbatch.strategy.api.TurnsTrueRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.rules.AndRule;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.NotRule;
import org.ta4j.core.rules.OrRule;
import org.ta4j.core.rules.XorRule;
import org.ta4j.core.serialization.ComponentDescriptor;
import org.ta4j.core.serialization.ComponentSerialization;
import org.ta4j.core.serialization.RuleSerialization;

/**
 * A ta4j strategy as ta4j's own JSON ({@code StrategySerialization}'s format, which {@code Strategy.fromJson} reads
 * back), with the descriptors ta4j 0.22.2 writes wrong written right:
 * <ul>
 *   <li>{@code CrossedDownIndicatorRule(a, b)}: ta4j writes its components as {@code [b, a]}, which reads back as "b
 *       crosses down through a", that is "a crosses up through b";</li>
 *   <li>{@code AndRule}, {@code OrRule}, {@code XorRule} whose first rule is itself composite: ta4j writes the first
 *       rule's first rule in place of the second rule (a stop-gain after a stop-loss is lost);</li>
 *   <li>{@code MACDIndicator}: ta4j leaves out its bar counts, so it reads back as MACD(12, 26);</li>
 *   <li>{@code StandardDeviationIndicator}: ta4j writes its inner variance, which it cannot read back;</li>
 *   <li>{@code ADXIndicator}: ta4j writes its inner indicators as components, which the constructor does not take;</li>
 *   <li>{@link TurnsTrueRule} and {@link TrailingStopRule}, our own.</li>
 * </ul>
 * Every other rule or indicator is ta4j's descriptor with its components written here, so that a corrected one deep
 * inside stays corrected. Labels and ta4j's generated names are left out but for the strategy's entry and exit.
 * {@link Ta4jRoundTrip} checks that what is written reads back to the same signals.
 */
public final class Ta4jJsonWriter {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson GSON = new Gson();

    private Ta4jJsonWriter() {
    }

    /** The strategy as ta4j's JSON, indented, its warm-up as {@code unstableBars}. */
    public static String write(Strategy strategy) {
        return PRETTY.toJson(strategy(strategy));
    }

    static JsonObject strategy(Strategy strategy) {
        JsonObject json = new JsonObject();
        json.addProperty("type", "BaseStrategy");
        if (strategy.getName() != null) {
            json.addProperty("label", strategy.getName());
        }
        JsonObject parameters = new JsonObject();
        parameters.addProperty("unstableBars", strategy.getUnstableBars());
        json.add("parameters", parameters);
        JsonArray rules = new JsonArray();
        rules.add(labelled(rule(strategy.getEntryRule()), "entry"));
        rules.add(labelled(rule(strategy.getExitRule()), "exit"));
        json.add("rules", rules);
        return json;
    }

    static JsonObject rule(Rule rule) {
        return switch (rule) {
            case AndRule and -> node("AndRule", null, rule(and.getRule1()), rule(and.getRule2()));
            case OrRule or -> node("OrRule", null, rule(or.getRule1()), rule(or.getRule2()));
            case XorRule xor -> node("XorRule", null, rule(xor.getRule1()), rule(xor.getRule2()));
            case NotRule not -> node("NotRule", null, rule(not.getRuleToNegate()));
            // "first crosses up through second": the cross indicator holds first as low, second as up
            case CrossedUpIndicatorRule up -> node("CrossedUpIndicatorRule", null, indicator(up.getLow()),
                    indicator(up.getUp()));
            // "first crosses down through second": first is up, second low
            case CrossedDownIndicatorRule down -> node("CrossedDownIndicatorRule", null, indicator(down.getUp()),
                    indicator(down.getLow()));
            case TurnsTrueRule turns -> node(TurnsTrueRule.class.getName(), null, rule(turns.getRule()));
            case TrailingStopRule trailing -> node(TrailingStopRule.class.getName(),
                    Map.of("percent", trailing.getPercent().toPlainString()), indicator(trailing.getClose()));
            default -> described(rule, RuleSerialization.describe(rule));
        };
    }

    static JsonObject indicator(Indicator<?> indicator) {
        return switch (indicator) {
            case MACDIndicator macd -> {
                JsonObject json = described(macd, macd.toDescriptor());
                parameters(json).addProperty("shortBarCount", macd.getShortTermEma().getBarCount());
                parameters(json).addProperty("longBarCount", macd.getLongTermEma().getBarCount());
                yield json;
            }
            case StandardDeviationIndicator deviation -> {
                // its variance holds the source and the bar count the constructor takes
                Object variance = Components.of(deviation).getFirst();
                yield node("StandardDeviationIndicator", Map.of("barCount", Components.intField(variance, "barCount")),
                        indicator((Indicator<?>) Components.of(variance).getFirst()));
            }
            case ADXIndicator adx -> {
                JsonObject json = described(adx, adx.toDescriptor());
                json.remove("components");
                yield json;
            }
            default -> described(indicator, indicator.toDescriptor());
        };
    }

    /**
     * ta4j's descriptor of {@code component} (its type and parameters), its components written by this class: each
     * is the one of the component's own rules and indicators whose ta4j descriptor it is, or ta4j's when none is.
     */
    private static JsonObject described(Object component, ComponentDescriptor descriptor) {
        JsonObject json = new JsonObject();
        json.addProperty("type", descriptor.getType());
        JsonObject parameters = new JsonObject();
        descriptor.getParameters().forEach((key, value) -> {
            if (!key.startsWith("__")) {
                parameters.add(key, GSON.toJsonTree(value));
            }
        });
        if (!parameters.isEmpty()) {
            json.add("parameters", parameters);
        }
        List<Object> own = new ArrayList<>(Components.of(component));
        JsonArray components = new JsonArray();
        for (ComponentDescriptor child : descriptor.getComponents()) {
            Object match = match(child, own);
            if (match == null) {
                components.add(JsonParser.parseString(ComponentSerialization.toJson(child)));
            } else {
                own.remove(match);
                components.add(match instanceof Rule r ? rule(r) : indicator((Indicator<?>) match));
            }
        }
        if (!components.isEmpty()) {
            json.add("components", components);
        }
        return json;
    }

    /**
     * The one of {@code own} that {@code child} describes: of its type, and when several are, the first whose
     * descriptor is the same but for labels (ta4j labels a component by the field that holds it); null for none.
     */
    private static Object match(ComponentDescriptor child, List<Object> own) {
        List<Object> ofType = own.stream().filter(o -> child.getType().equals(descriptorOf(o).getType())).toList();
        if (ofType.size() <= 1) {
            return ofType.isEmpty() ? null : ofType.getFirst();
        }
        return ofType.stream().filter(o -> sameButLabels(child, descriptorOf(o))).findFirst().orElse(ofType.getFirst());
    }

    private static boolean sameButLabels(ComponentDescriptor a, ComponentDescriptor b) {
        if (!a.getType().equals(b.getType()) || !a.getParameters().equals(b.getParameters())
                || a.getComponents().size() != b.getComponents().size()) {
            return false;
        }
        for (int i = 0; i < a.getComponents().size(); i++) {
            if (!sameButLabels(a.getComponents().get(i), b.getComponents().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static ComponentDescriptor descriptorOf(Object component) {
        return component instanceof Rule rule ? RuleSerialization.describe(rule) : ((Indicator<?>) component).toDescriptor();
    }

    private static JsonObject node(String type, Map<String, ?> parameters, JsonElement... components) {
        JsonObject json = new JsonObject();
        json.addProperty("type", type);
        if (parameters != null) {
            JsonObject params = new JsonObject();
            parameters.forEach((key, value) -> params.add(key, GSON.toJsonTree(value)));
            json.add("parameters", params);
        }
        JsonArray array = new JsonArray();
        for (JsonElement component : components) {
            array.add(component);
        }
        json.add("components", array);
        return json;
    }

    private static JsonObject parameters(JsonObject json) {
        if (!json.has("parameters")) {
            json.add("parameters", new JsonObject());
        }
        return json.getAsJsonObject("parameters");
    }

    /** {@code json} with the label first after the type, as ta4j writes it. */
    private static JsonObject labelled(JsonObject json, String label) {
        JsonObject result = new JsonObject();
        result.add("type", json.get("type"));
        result.addProperty("label", label);
        json.entrySet().stream().filter(e -> !e.getKey().equals("type")).forEach(e -> result.add(e.getKey(), e.getValue()));
        return result;
    }
}
